import { DataSource } from 'typeorm';
import { ActorIdentity } from './actor';

/** A session with its user's current account state: both kinds of session are re-read on every request. */
export interface SessionActorRow {
  session_id: string;
  user_id: string;
  role: ActorIdentity['role'];
  organisation_id: string;
  organisation_type: ActorIdentity['organisationType'];
  discipline: ActorIdentity['discipline'];
  disabled_at: Date | null;
  revoked_at: Date | null;
  expires_at: Date;
  last_seen_at: Date | null;
}

/** The session matching `condition` (SQL on `s`, the auth_session row), joined to its user and organisation. */
export async function findSessionActor(dataSource: DataSource, condition: string, params: unknown[]): Promise<SessionActorRow | undefined> {
  const [row]: SessionActorRow[] = await dataSource.query(
    `SELECT s.id AS session_id, u.id AS user_id, u.role, u.organisation_id, o.type AS organisation_type, u.discipline,
            u.disabled_at, s.revoked_at, s.expires_at, s.last_seen_at
       FROM auth_session s
       JOIN app_user u ON u.id = s.user_id
       JOIN organisation o ON o.id = u.organisation_id
      WHERE ${condition}`,
    params,
  );
  return row;
}

export function toActorIdentity(row: SessionActorRow): ActorIdentity {
  return {
    userId: row.user_id,
    role: row.role,
    organisationId: row.organisation_id,
    organisationType: row.organisation_type,
    discipline: row.discipline,
    sessionId: row.session_id,
  };
}
