import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG, Clock, isUuid, Unauthenticated } from '@carepath/common';
import { ActorIdentity } from './actor';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_ISSUER, AccessClaims } from './tokens.service';

interface SessionRow {
  user_id: string;
  role: ActorIdentity['role'];
  organisation_id: string;
  organisation_type: ActorIdentity['organisationType'];
  discipline: ActorIdentity['discipline'];
  disabled_at: Date | null;
  revoked_at: Date | null;
  expires_at: Date;
}

/**
 * Bearer access tokens: passport-jwt checks the signature, the algorithm allow-list, the audience and the issuer;
 * expiry is judged here by the app's clock (every time in carepath comes from the injected Clock). The account and
 * session are re-read on each request, so disabling a user or logging out ends access at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: handed a string, jsonwebtoken tries (and fails) to parse a public key on every call.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer,
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      audience: config.jwtAudience,
      issuer: ACCESS_TOKEN_ISSUER,
      ignoreExpiration: true,
    });
  }

  async validate(claims: Partial<AccessClaims> & { exp?: unknown }): Promise<ActorIdentity> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    // A signed token that names no real session or user (ids that are not UUIDs) is as good as none.
    if (
      typeof claims.exp !== 'number' ||
      claims.exp <= now ||
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string' ||
      !isUuid(claims.sub) ||
      !isUuid(claims.sid)
    ) {
      throw new Unauthenticated();
    }
    const [row]: SessionRow[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.role, u.organisation_id, o.type AS organisation_type, u.discipline,
              u.disabled_at, s.revoked_at, s.expires_at
         FROM auth_session s
         JOIN app_user u ON u.id = s.user_id
         JOIN organisation o ON o.id = u.organisation_id
        WHERE s.id = $1 AND u.id = $2`,
      [claims.sid, claims.sub],
    );
    if (!row || row.disabled_at || row.revoked_at || row.expires_at <= this.clock.now()) {
      throw new Unauthenticated('Your session has ended; sign in again');
    }
    return {
      userId: row.user_id,
      role: row.role,
      organisationId: row.organisation_id,
      organisationType: row.organisation_type,
      discipline: row.discipline,
      sessionId: claims.sid,
    };
  }
}
