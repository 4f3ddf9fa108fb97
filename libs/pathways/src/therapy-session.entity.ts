import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CarePathway } from './care-pathway.entity';
import { PathwayActivity } from './pathway-activity.entity';
import type { SessionOutcome } from './pathway.rules';

/** A booked session of one activity and, once recorded, its attendance. */
@Entity('therapy_session')
@Check('therapy_session_outcome_check', `outcome IN ('booked', 'attended', 'dna', 'cancelled-by-patient', 'cancelled-by-service')`)
@Index('therapy_session_activity_idx', ['activityId', 'startsAt'])
@Index('therapy_session_pathway_idx', ['pathwayId', 'startsAt'])
export class TherapySession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => PathwayActivity, { name: 'therapy_session_activity_id_fkey' })
  @Column({ name: 'activity_id', type: 'uuid' })
  activityId: string;
  @ForeignKey(() => CarePathway, { name: 'therapy_session_pathway_id_fkey' })
  @Column({ name: 'pathway_id', type: 'uuid' })
  pathwayId: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ type: 'text', nullable: true }) location: string | null;
  @Column({ type: 'text', default: 'booked' }) outcome: 'booked' | SessionOutcome;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @ForeignKey('User', { name: 'therapy_session_booked_by_user_id_fkey' })
  @Column({ name: 'booked_by_user_id', type: 'uuid' })
  bookedByUserId: string;
  @ForeignKey('User', { name: 'therapy_session_recorded_by_user_id_fkey' })
  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true })
  recordedByUserId: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true }) recordedAt: Date | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
