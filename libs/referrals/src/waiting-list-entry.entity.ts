import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Referral } from './referral.entity';
import type { WaitingListName } from './referral.rules';

/**
 * One row per referral and list it waits on, kept in step with the referral and its clock,
 * so each waiting list is one index range scan however deep the page.
 */
@Entity('waiting_list_entry')
@Index('waiting_list_order_idx', ['serviceId', 'modality', 'priorityRank', 'clockStartedOn', 'referralId'])
export class WaitingListEntry {
  @ForeignKey(() => Referral, { name: 'waiting_list_entry_referral_id_fkey' })
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId: string;
  @PrimaryColumn({ type: 'text' }) modality: WaitingListName;
  @ForeignKey('Organisation', { name: 'waiting_list_entry_service_id_fkey' })
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;
  @ForeignKey('Organisation', { name: 'waiting_list_entry_practice_id_fkey' })
  @Column({ name: 'practice_id', type: 'uuid' })
  practiceId: string;
  @Column({ name: 'priority_rank', type: 'smallint' }) priorityRank: number;
  @Column({ name: 'clock_started_on', type: 'date' }) clockStartedOn: string;
  @Column({ name: 'awaiting_rebooking', type: 'boolean', default: false }) awaitingRebooking: boolean;
}
