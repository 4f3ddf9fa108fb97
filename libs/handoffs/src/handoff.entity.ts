import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { HandoffOutcome, HandoffStatus } from './handoff.rules';

/** A patient handed off to a community service, under the consent that allows sharing with its organisation. */
@Entity('handoff')
@Check('handoff_status_check', `status IN ('requested', 'accepted', 'rejected', 'in-progress', 'completed', 'cancelled')`)
@Check('handoff_outcome_check', `outcome IN ('engaged', 'did-not-engage')`)
// The receiving organisation's inbox and the requester's list, newest first:
// (organisation_id, status, created_at DESC, id DESC) and (requested_by_user_id, created_at DESC, id DESC).
@Index('handoff_inbox_idx', { synchronize: false })
@Index('handoff_requester_idx', { synchronize: false })
@Index('handoff_consent_idx', ['consentId'])
export class Handoff {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey('Organisation', { name: 'handoff_service_id_fkey' })
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;
  @ForeignKey('Patient', { name: 'handoff_patient_id_fkey' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;
  @ForeignKey('DirectoryService', { name: 'handoff_directory_service_id_fkey' })
  @Column({ name: 'directory_service_id', type: 'uuid' })
  directoryServiceId: string;
  /** The receiving VCS organisation: the directory service's, at the time of the request. */
  @ForeignKey('Organisation', { name: 'handoff_organisation_id_fkey' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;
  @ForeignKey('Consent', { name: 'handoff_consent_id_fkey' })
  @Column({ name: 'consent_id', type: 'uuid' })
  consentId: string;
  @ForeignKey('User', { name: 'handoff_requested_by_user_id_fkey' })
  @Column({ name: 'requested_by_user_id', type: 'uuid' })
  requestedByUserId: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text' }) status: HandoffStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'text', nullable: true }) outcome: HandoffOutcome | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
