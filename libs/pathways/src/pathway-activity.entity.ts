import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CarePathway } from './care-pathway.entity';
import type { ActivityStatus } from './pathway.rules';

/** One therapy on a pathway, led by one clinician, with the number of sessions planned. */
@Entity('pathway_activity')
@Check('pathway_activity_planned_sessions_check', `planned_sessions BETWEEN 1 AND 100`)
@Check(
  'pathway_activity_status_check',
  `status IN ('not-started', 'scheduled', 'in-progress', 'on-hold', 'completed', 'cancelled', 'stopped')`,
)
@Index('pathway_activity_pathway_idx', ['pathwayId', 'seq'])
export class PathwayActivity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' }) seq: string;
  @ForeignKey(() => CarePathway, { name: 'pathway_activity_pathway_id_fkey' })
  @Column({ name: 'pathway_id', type: 'uuid' })
  pathwayId: string;
  @Column({ type: 'text' }) modality: string;
  @Column({ name: 'planned_sessions', type: 'int' }) plannedSessions: number;
  @ForeignKey('User', { name: 'pathway_activity_lead_clinician_id_fkey' })
  @Column({ name: 'lead_clinician_id', type: 'uuid' })
  leadClinicianId: string;
  @Column({ type: 'text' }) status: ActivityStatus;
  @Column({ type: 'int', default: 1 }) version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
