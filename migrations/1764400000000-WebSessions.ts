import { MigrationInterface, QueryRunner } from 'typeorm';

/** Browser sessions live in auth_session beside API sessions: a cookie's hash, and when it was last used (idle timeout). */
export class WebSessions1764400000000 implements MigrationInterface {
  name = 'WebSessions1764400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE auth_session
        ADD COLUMN kind text NOT NULL DEFAULT 'api' CONSTRAINT auth_session_kind_check CHECK (kind IN ('api', 'web')),
        ADD COLUMN cookie_hash text CONSTRAINT auth_session_cookie_hash_key UNIQUE,
        ADD COLUMN last_seen_at timestamptz,
        ADD CONSTRAINT auth_session_web_cookie_check CHECK ((kind = 'web') = (cookie_hash IS NOT NULL))
    `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE auth_session
        DROP CONSTRAINT auth_session_web_cookie_check,
        DROP COLUMN last_seen_at,
        DROP COLUMN cookie_hash,
        DROP COLUMN kind
    `);
  }
}
