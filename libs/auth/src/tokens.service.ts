import { createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, APP_CONFIG, Clock } from '@carepath/common';

export interface AccessClaims {
  sub: string;
  sid: string;
}

export const ACCESS_TOKEN_ALGORITHM = 'HS256';
export const ACCESS_TOKEN_ISSUER = 'carepath';

/** Short-lived access JWTs (verified by JwtStrategy) and opaque refresh tokens. */
@Injectable()
export class TokensService {
  /** A key object made once: handing jsonwebtoken a string makes it try (and fail) to parse a public key on every call. */
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret));
  }

  signAccess(userId: string, sessionId: string): string {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return this.jwt.sign(
      { sub: userId, sid: sessionId, iat, exp: iat + this.config.accessTokenTtlSeconds },
      {
        secret: this.key as unknown as string,
        algorithm: ACCESS_TOKEN_ALGORITHM,
        audience: this.config.jwtAudience,
        issuer: ACCESS_TOKEN_ISSUER,
      },
    );
  }

  /**
   * `<session id>.<secret>`: the session (the token's family) is readable without a lookup, so refresh attempts are
   * throttled per family rather than per client address, where a hospital NAT would block every user behind it.
   * Only the hash of the whole token is stored, and possession of the secret is what counts.
   */
  newRefreshToken(sessionId: string): { token: string; hash: string } {
    const token = `${sessionId}.${randomBytes(32).toString('base64url')}`;
    return { token, hash: TokensService.hashRefresh(token) };
  }

  /** The session a refresh token claims to belong to, or null for a token this API did not issue. */
  static refreshFamily(token: string): string | null {
    const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/.exec(token);
    return match ? match[1] : null;
  }

  static hashRefresh(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
