import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One read or write of patient data. Append-only: a database trigger refuses UPDATE, DELETE and TRUNCATE. */
@Entity('audit_event')
@Check('audit_event_outcome_check', `outcome IN ('allowed', 'denied')`)
// A patient's access log, newest first: (patient_id, occurred_at DESC, id DESC) WHERE patient_id IS NOT NULL.
@Index('audit_event_patient_idx', { synchronize: false })
// One user's activity, newest first: (actor_user_id, occurred_at DESC).
@Index('audit_event_actor_idx', { synchronize: false })
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ name: 'actor_organisation_id', type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId: string | null;

  @Column({ name: 'patient_id', type: 'uuid', nullable: true })
  patientId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  outcome: 'allowed' | 'denied';

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;
}
