import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LetterContent } from './letter-content';
import type { LetterKind, LetterStatus } from './letter.rules';

/** A letter to the patient's GP practice about one referral: drafted from the record, approved, delivered, acknowledged. */
@Entity('letter')
@Check(
  'letter_kind_check',
  `kind IN ('referral-acknowledgement', 'triage-outcome', 'post-assessment', 'mdt-progress', 'discharge-summary')`,
)
@Check('letter_status_check', `status IN ('draft', 'approved', 'queued', 'delivered', 'acknowledged', 'failed', 'withdrawn')`)
@Unique('letter_source_key_key', ['sourceKey'])
@Index('letter_service_list_idx', ['serviceId', 'createdAt', 'id'])
@Index('letter_inbox_idx', ['practiceId', 'inGpInbox', 'createdAt'])
@Index('letter_referral_idx', ['referralId'])
export class Letter {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey('Organisation', { name: 'letter_service_id_fkey' })
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;
  @ForeignKey('Referral', { name: 'letter_referral_id_fkey' })
  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;
  @ForeignKey('Patient', { name: 'letter_patient_id_fkey' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;
  /** The recipient: the patient's registered practice when the letter was drafted. */
  @ForeignKey('Organisation', { name: 'letter_practice_id_fkey' })
  @Column({ name: 'practice_id', type: 'uuid' })
  practiceId: string;
  @Column({ type: 'text' }) kind: LetterKind;
  @Column({ type: 'text', default: 'draft' }) status: LetterStatus;
  @Column({ type: 'jsonb' }) content: LetterContent;
  /** The event a draft answers (e.g. `referral.discharged:<status change id>`), so a redelivered event drafts once. */
  @Column({ name: 'source_key', type: 'text', nullable: true }) sourceKey: string | null;
  /** When the event the letter reports happened: the start of its event-to-approval time. */
  @Column({ name: 'event_at', type: 'timestamptz' }) eventAt: Date;
  @ForeignKey('User', { name: 'letter_created_by_user_id_fkey' })
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;
  @ForeignKey('User', { name: 'letter_approved_by_user_id_fkey' })
  @Column({ name: 'approved_by_user_id', type: 'uuid', nullable: true })
  approvedByUserId: string | null;
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  /** Set when the practice's carepath inbox received it; GPs see only such letters. */
  @Column({ name: 'in_gp_inbox', type: 'boolean', default: false }) inGpInbox: boolean;
  @Column({ name: 'delivery_attempts', type: 'int', default: 0 }) deliveryAttempts: number;
  @Column({ name: 'failure_reason', type: 'text', nullable: true }) failureReason: string | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @ForeignKey('User', { name: 'letter_acknowledged_by_user_id_fkey' })
  @Column({ name: 'acknowledged_by_user_id', type: 'uuid', nullable: true })
  acknowledgedByUserId: string | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
