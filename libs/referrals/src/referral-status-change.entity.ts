import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Referral } from './referral.entity';
import type { ReferralStatus } from './referral.rules';

/** One step of a referral's status history, in the order it happened (seq). */
@Entity('referral_status_change')
@Index('referral_status_change_referral_idx', ['referralId', 'seq'])
export class ReferralStatusChange {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' }) seq: string;
  @ForeignKey(() => Referral, { name: 'referral_status_change_referral_id_fkey' })
  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus: ReferralStatus | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus: ReferralStatus;
  @ForeignKey('User', { name: 'referral_status_change_actor_user_id_fkey' })
  @Column({ name: 'actor_user_id', type: 'uuid' })
  actorUserId: string;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt: Date;
}
