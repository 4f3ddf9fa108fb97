import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG, Clock, isUuid, Unauthenticated } from '@carepath/common';
import { ActorIdentity } from './actor';
import { findSessionActor, toActorIdentity } from './session-actor';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_ISSUER, AccessClaims } from './tokens.service';

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
    const row = await findSessionActor(this.dataSource, 's.id = $1 AND u.id = $2', [claims.sid, claims.sub]);
    if (!row || row.disabled_at || row.revoked_at || row.expires_at <= this.clock.now()) {
      throw new Unauthenticated('Your session has ended; sign in again');
    }
    return toActorIdentity(row);
  }
}
