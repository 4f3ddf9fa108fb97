import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Priority, RedFlag, ReferralStatus, TherapyModality } from './referral.rules';

@Entity('referral')
export class Referral {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'service_id', type: 'uuid' }) serviceId: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId: string;
  /** The referring practice: the patient's registered practice when the referral was made. */
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column({ name: 'referred_by_user_id', type: 'uuid' }) referredByUserId: string;
  @Column({ type: 'text' }) priority: Priority;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'red_flags', type: 'jsonb' }) redFlags: Partial<Record<RedFlag, boolean>>;
  @Column({ name: 'received_on', type: 'date' }) receivedOn: string;
  @Column({ name: 'external_reference', type: 'text', nullable: true }) externalReference: string | null;
  /** Fingerprint of the intake body, so a repeated external reference can be told apart from a conflicting one. */
  @Column({ name: 'request_hash', type: 'text' }) requestHash: string;
  @Column({ type: 'text' }) status: ReferralStatus;
  @Column({ type: 'text', array: true }) modalities: TherapyModality[];
  @Column({ name: 'intro_session', type: 'boolean' }) introSession: boolean;
  @Column({ name: 'redirect_destination', type: 'text', nullable: true }) redirectDestination: string | null;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'int' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
