import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { StopReason } from './referral-clock.rules';
import { Referral } from './referral.entity';

/** One period of a referral's 18-week RTT clock; periods are only closed or appended, never rewritten. */
@Entity('clock_period')
@Unique('clock_period_seq_key', ['referralId', 'seq'])
export class ClockPeriod {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => Referral, { name: 'clock_period_referral_id_fkey' })
  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;
  @Column({ type: 'int' }) seq: number;
  @Column({ name: 'started_on', type: 'date' }) startedOn: string;
  @Column({ name: 'stopped_on', type: 'date', nullable: true }) stoppedOn: string | null;
  @Column({ name: 'stop_reason', type: 'text', nullable: true }) stopReason: StopReason | null;
  @Column({ type: 'boolean', default: false }) nullified: boolean;
}
