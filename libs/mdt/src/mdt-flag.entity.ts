import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A clinician's request that a pathway be discussed at the next MDT, sooner than its scheduled review. At most one
 * flag per pathway stands at a time; it ends when withdrawn or when the MDT discusses the case.
 */
@Entity('mdt_flag')
@Check('mdt_flag_status_check', `status IN ('open', 'withdrawn', 'discussed')`)
@Index('mdt_flag_one_open_per_pathway', ['pathwayId'], { unique: true, where: `status = 'open'` })
export class MdtFlag {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey('Organisation', { name: 'mdt_flag_service_id_fkey' })
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;
  @ForeignKey('CarePathway', { name: 'mdt_flag_pathway_id_fkey' })
  @Column({ name: 'pathway_id', type: 'uuid' })
  pathwayId: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text', default: 'open' }) status: 'open' | 'withdrawn' | 'discussed';
  @Column({ name: 'flagged_on', type: 'date' }) flaggedOn: string;
  @ForeignKey('User', { name: 'mdt_flag_flagged_by_user_id_fkey' })
  @Column({ name: 'flagged_by_user_id', type: 'uuid' })
  flaggedByUserId: string;
  @Column({ name: 'flagged_at', type: 'timestamptz' }) flaggedAt: Date;
  @Column({ name: 'closed_reason', type: 'text', nullable: true }) closedReason: string | null;
  @ForeignKey('User', { name: 'mdt_flag_closed_by_user_id_fkey' })
  @Column({ name: 'closed_by_user_id', type: 'uuid', nullable: true })
  closedByUserId: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'int', default: 1 }) version: number;
}
