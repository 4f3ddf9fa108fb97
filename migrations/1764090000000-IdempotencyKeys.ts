import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1764090000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764090000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_key (
        user_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT idempotency_key_pkey PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_key`);
  }
}
