import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Handoff } from './handoff.entity';
import type { HandoffOutcome, HandoffStatus } from './handoff.rules';

/** One step of a handoff's history, in the order it happened (seq). */
@Entity('handoff_change')
@Index('handoff_change_handoff_idx', ['handoffId', 'seq'])
export class HandoffChange {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' }) seq: string;
  @ForeignKey(() => Handoff, { name: 'handoff_change_handoff_id_fkey' })
  @Column({ name: 'handoff_id', type: 'uuid' })
  handoffId: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus: HandoffStatus | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus: HandoffStatus;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'text', nullable: true }) outcome: HandoffOutcome | null;
  @ForeignKey('User', { name: 'handoff_change_actor_user_id_fkey' })
  @Column({ name: 'actor_user_id', type: 'uuid' })
  actorUserId: string;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt: Date;
}
