import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DueReason } from './mdt.rules';
import { MdtMeeting } from './mdt-meeting.entity';

/**
 * A pathway on a meeting's case list: generated from the due list (refreshed until the meeting starts, then
 * frozen) or added by a clinician with a reason. A removed case stays, marked removed, so the list's history shows.
 */
@Entity('mdt_case')
@Check('mdt_case_origin_check', `origin IN ('generated', 'added')`)
@Unique('mdt_case_meeting_pathway_key', ['meetingId', 'pathwayId'])
@Index('mdt_case_pathway_idx', ['pathwayId'])
export class MdtCase {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => MdtMeeting, { name: 'mdt_case_meeting_id_fkey' })
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;
  @ForeignKey('CarePathway', { name: 'mdt_case_pathway_id_fkey' })
  @Column({ name: 'pathway_id', type: 'uuid' })
  pathwayId: string;
  @ForeignKey('Patient', { name: 'mdt_case_patient_id_fkey' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;
  @Column({ type: 'text' }) origin: 'generated' | 'added';
  /** When the due list made it due; null for a case a clinician added that was not due. */
  @Column({ name: 'due_on', type: 'date', nullable: true }) dueOn: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) reasons: DueReason[];
  @Column({ type: 'boolean', default: false }) urgent: boolean;
  @Column({ name: 'added_reason', type: 'text', nullable: true }) addedReason: string | null;
  @Column({ name: 'removed_reason', type: 'text', nullable: true }) removedReason: string | null;
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true }) removedAt: Date | null;
  @ForeignKey('User', { name: 'mdt_case_changed_by_user_id_fkey' })
  @Column({ name: 'changed_by_user_id', type: 'uuid', nullable: true })
  changedByUserId: string | null;
  @Column({ type: 'int', default: 1 }) version: number;
}
