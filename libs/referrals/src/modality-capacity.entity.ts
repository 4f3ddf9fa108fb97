import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { WaitingListName } from './referral.rules';

/** Slots a service offers per week on one list, against which its waiting-list demand is shown. */
@Entity('modality_capacity')
@Check('modality_capacity_slots_per_week_check', `slots_per_week >= 0`)
export class ModalityCapacity {
  @ForeignKey('Organisation', { name: 'modality_capacity_service_id_fkey' })
  @PrimaryColumn({ name: 'service_id', type: 'uuid' })
  serviceId: string;
  @PrimaryColumn({ type: 'text' }) modality: WaitingListName;
  @Column({ name: 'slots_per_week', type: 'int' }) slotsPerWeek: number;
  @Column({ type: 'int', default: 1 }) version: number;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  @ForeignKey('User', { name: 'modality_capacity_updated_by_user_id_fkey' })
  @Column({ name: 'updated_by_user_id', type: 'uuid', nullable: true })
  updatedByUserId: string | null;
}
