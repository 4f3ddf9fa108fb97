import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One read or write of patient data. Append-only: a database trigger refuses UPDATE, DELETE and TRUNCATE. */
@Entity('audit_event')
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
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
