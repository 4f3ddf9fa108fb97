import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Referral } from './referral.entity';

/** A patient-initiated delay: RTT has no pauses, so it is recorded and reported, never subtracted from the wait. */
@Entity('patient_delay')
@Check('patient_delay_dates', `ends_on IS NULL OR ends_on >= starts_on`)
@Index('patient_delay_referral_idx', ['referralId'])
export class PatientDelay {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => Referral, { name: 'patient_delay_referral_id_fkey' })
  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;
  @Column({ name: 'starts_on', type: 'date' }) startsOn: string;
  @Column({ name: 'ends_on', type: 'date', nullable: true }) endsOn: string | null;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'declined_offer', type: 'boolean', default: false }) declinedOffer: boolean;
  @ForeignKey('User', { name: 'patient_delay_recorded_by_user_id_fkey' })
  @Column({ name: 'recorded_by_user_id', type: 'uuid' })
  recordedByUserId: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
