import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG, Clock } from '@carepath/common';
import { ActorIdentity } from './actor';
import { AuthService } from './auth.service';
import { findSessionActor, toActorIdentity } from './session-actor';

/** A web session ends after this long without a request... */
export const WEB_SESSION_IDLE_MS = 30 * 60_000;
/** ...and this long after sign-in, whatever happens. */
export const WEB_SESSION_MAX_MS = 12 * 3_600_000;
/** last_seen_at is written at most this often, not on every page. */
const TOUCH_EVERY_MS = 60_000;

const COOKIE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface WebSessionCookie {
  name: string;
  options: { httpOnly: true; sameSite: 'strict'; secure: boolean; path: '/' };
}

/** The browser's session cookie: `__Host-` (so only this origin over HTTPS can set it) in production. */
export function webSessionCookie(config: AppConfig): WebSessionCookie {
  const secure = config.nodeEnv === 'production';
  return {
    name: secure ? '__Host-carepath-session' : 'carepath-session',
    options: { httpOnly: true, sameSite: 'strict', secure, path: '/' },
  };
}

function hashCookie(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sessions for the web interface. They are rows of auth_session like the API's, so signing out, disabling the user
 * or the session's end stop the browser at once. The cookie holds a random token; only its hash is stored.
 */
@Injectable()
export class WebSessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  cookie(): WebSessionCookie {
    return webSessionCookie(this.config);
  }

  /** Signs in; the token is the cookie's value. */
  async signIn(email: string, password: string): Promise<string> {
    const user = await this.auth.verifyCredentials(email, password);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.dataSource.query(
      `INSERT INTO auth_session (user_id, created_at, expires_at, kind, cookie_hash, last_seen_at) VALUES ($1, $2, $3, 'web', $4, $2)`,
      [user.id, now, new Date(now.getTime() + WEB_SESSION_MAX_MS), hashCookie(token)],
    );
    return token;
  }

  /** The signed-in actor of a cookie, or null when there is none or it has ended (an idle or old one is revoked). */
  async resolve(token: unknown): Promise<ActorIdentity | null> {
    if (typeof token !== 'string' || !COOKIE_TOKEN.test(token)) return null;
    const row = await findSessionActor(this.dataSource, `s.cookie_hash = $1 AND s.kind = 'web'`, [hashCookie(token)]);
    if (!row || row.disabled_at || row.revoked_at) return null;
    const now = this.clock.now().getTime();
    const lastSeen = (row.last_seen_at ?? row.expires_at).getTime();
    const ended = row.expires_at.getTime() <= now ? 'expired' : lastSeen + WEB_SESSION_IDLE_MS <= now ? 'idle timeout' : null;
    if (ended) {
      await this.dataSource.query('UPDATE auth_session SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL', [
        row.session_id,
        new Date(now),
        ended,
      ]);
      return null;
    }
    if (now - lastSeen >= TOUCH_EVERY_MS) {
      await this.dataSource.query('UPDATE auth_session SET last_seen_at = $2 WHERE id = $1', [row.session_id, new Date(now)]);
    }
    return toActorIdentity(row);
  }
}
