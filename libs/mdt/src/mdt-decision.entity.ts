import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MdtDecisionKind } from './mdt.rules';
import { MdtCase } from './mdt-case.entity';

export interface MdtAction {
  description: string;
  ownerId: string;
  dueOn: string;
  /** The clinical task the action became. */
  taskId: string;
}

/**
 * The MDT's decision on a case. An amendment is a new row that names the one it amends and why: the history is
 * never overwritten, and the case's current decision is its latest row.
 */
@Entity('mdt_decision')
@Check('mdt_decision_kind_check', `decision IN ('continue', 'change-pathway', 'discharge', 'refer-on', 'handoff-to-community')`)
@Check('mdt_decision_amendment_check', `(amends_decision_id IS NULL) = (amendment_reason IS NULL)`)
@Index('mdt_decision_case_idx', ['caseId', 'recordedAt'])
@Index('mdt_decision_pathway_idx', ['pathwayId', 'meetingOn'])
export class MdtDecision {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => MdtCase, { name: 'mdt_decision_case_id_fkey' })
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;
  @ForeignKey('CarePathway', { name: 'mdt_decision_pathway_id_fkey' })
  @Column({ name: 'pathway_id', type: 'uuid' })
  pathwayId: string;
  /** The meeting's date, kept here so "last reviewed" is one indexed read per pathway. */
  @Column({ name: 'meeting_on', type: 'date' }) meetingOn: string;
  @Column({ type: 'text' }) decision: MdtDecisionKind;
  @Column({ type: 'text', nullable: true }) destination: string | null;
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) actions: MdtAction[];
  @ForeignKey(() => MdtDecision, { name: 'mdt_decision_amends_decision_id_fkey' })
  @Column({ name: 'amends_decision_id', type: 'uuid', nullable: true })
  amendsDecisionId: string | null;
  @Column({ name: 'amendment_reason', type: 'text', nullable: true }) amendmentReason: string | null;
  @ForeignKey('User', { name: 'mdt_decision_recorded_by_user_id_fkey' })
  @Column({ name: 'recorded_by_user_id', type: 'uuid' })
  recordedByUserId: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
