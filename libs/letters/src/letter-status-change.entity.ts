import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Letter } from './letter.entity';
import type { LetterStatus } from './letter.rules';

/** One step of a letter's history, in the order it happened (seq): who (none when the system did it), when and why. */
@Entity('letter_status_change')
@Index('letter_status_change_letter_idx', ['letterId', 'seq'])
export class LetterStatusChange {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' }) seq: string;
  @ForeignKey(() => Letter, { name: 'letter_status_change_letter_id_fkey' })
  @Column({ name: 'letter_id', type: 'uuid' })
  letterId: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus: LetterStatus | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus: LetterStatus;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @ForeignKey('User', { name: 'letter_status_change_actor_user_id_fkey' })
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt: Date;
}
