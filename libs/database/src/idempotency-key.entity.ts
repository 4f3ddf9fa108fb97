import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a create request sent with an Idempotency-Key, kept 24 hours so a client that lost the
 * response can retry without creating the thing twice. Keys are per user; `user_id` has no foreign key because
 * `app_user` belongs to libs/auth, and the row is gone within a day anyway. The stored body is the response the
 * user already received (for POST /patients, patient data), held like the record itself and deleted with the key.
 */
@Entity('idempotency_key')
@Index('idempotency_key_created_at_idx', ['createdAt'])
export class IdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** SHA-256 of method, path and body: tells a retry from a different request under the same key. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  /** Null while the first request is in flight. */
  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: object | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
