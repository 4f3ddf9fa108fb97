import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Priority, RedFlag, ReferralStatus, TherapyModality } from './referral.rules';

@Entity('referral')
@Check('referral_priority_check', `priority IN ('routine', 'urgent')`)
@Check(
  'referral_status_check',
  `status IN ('received', 'info-requested', 'triaged-accepted', 'rejected', 'redirected', 'waiting', 'in-treatment', 'discharged', 'entered-in-error')`,
)
@Index('referral_external_reference_key', ['serviceId', 'externalReference'], { unique: true, where: 'external_reference IS NOT NULL' })
// Referral lists, newest first: (service_id | practice_id, received_on DESC, id DESC).
@Index('referral_service_list_idx', { synchronize: false })
@Index('referral_practice_list_idx', { synchronize: false })
@Index('referral_patient_idx', ['patientId'])
export class Referral {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey('Organisation', { name: 'referral_service_id_fkey' })
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;
  @ForeignKey('Patient', { name: 'referral_patient_id_fkey' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;
  /** The referring practice: the patient's registered practice when the referral was made. */
  @ForeignKey('Organisation', { name: 'referral_practice_id_fkey' })
  @Column({ name: 'practice_id', type: 'uuid' })
  practiceId: string;
  @ForeignKey('User', { name: 'referral_referred_by_user_id_fkey' })
  @Column({ name: 'referred_by_user_id', type: 'uuid' })
  referredByUserId: string;
  @Column({ type: 'text' }) priority: Priority;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'red_flags', type: 'jsonb', default: {} }) redFlags: Partial<Record<RedFlag, boolean>>;
  @Column({ name: 'received_on', type: 'date' }) receivedOn: string;
  @Column({ name: 'external_reference', type: 'text', nullable: true }) externalReference: string | null;
  /** Fingerprint of the intake body, so a repeated external reference can be told apart from a conflicting one. */
  @Column({ name: 'request_hash', type: 'text' }) requestHash: string;
  @Column({ type: 'text' }) status: ReferralStatus;
  @Column({ type: 'text', array: true, default: [] }) modalities: TherapyModality[];
  @Column({ name: 'intro_session', type: 'boolean', default: false }) introSession: boolean;
  @Column({ name: 'redirect_destination', type: 'text', nullable: true }) redirectDestination: string | null;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
