import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Referral } from './referral.entity';

/** The first assessment or the introductory session of a referral; its outcome can stop or nullify the clock. */
@Entity('referral_appointment')
@Check('referral_appointment_kind_check', `kind IN ('assessment', 'introductory')`)
@Check('referral_appointment_outcome_check', `outcome IN ('booked', 'attended', 'dna', 'cancelled-by-patient', 'cancelled-by-service')`)
@Index('referral_appointment_referral_idx', ['referralId', 'createdAt'])
export class ReferralAppointment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => Referral, { name: 'referral_appointment_referral_id_fkey' })
  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;
  @Column({ type: 'text' }) kind: 'assessment' | 'introductory';
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ type: 'text', nullable: true }) location: string | null;
  /** RTT rules: a first DNA nullifies the clock only if the appointment was communicated to the patient. */
  @Column({ name: 'communicated_at', type: 'timestamptz', nullable: true }) communicatedAt: Date | null;
  @Column({ type: 'text', default: 'booked' }) outcome: 'booked' | 'attended' | 'dna' | 'cancelled-by-patient' | 'cancelled-by-service';
  @Column({ name: 'is_treatment', type: 'boolean', default: false }) isTreatment: boolean;
  @ForeignKey('User', { name: 'referral_appointment_booked_by_user_id_fkey' })
  @Column({ name: 'booked_by_user_id', type: 'uuid' })
  bookedByUserId: string;
  @ForeignKey('User', { name: 'referral_appointment_outcome_recorded_by_user_id_fkey' })
  @Column({ name: 'outcome_recorded_by_user_id', type: 'uuid', nullable: true })
  outcomeRecordedByUserId: string | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
