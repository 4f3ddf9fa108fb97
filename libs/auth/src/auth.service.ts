import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AppConfig, APP_CONFIG, Clock, Unauthenticated } from '@carepath/common';
import { Actor } from './actor';
import { MeResponse, TokenPair, UserSummary } from './dto/auth.dto';
import { dummyPasswordHash, verifyPassword } from './password';
import { TokensService } from './tokens.service';
import { User } from './user.entity';
import { AuthError, AuthErrorCode } from './auth.errors';

const LOGIN_FAILED = 'Email or password is incorrect';

export function toUserSummary(user: User): UserSummary {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    discipline: user.discipline,
  };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tokens: TokensService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The account these credentials sign in to; one message whether the email, the password or the account is wrong. */
  async verifyCredentials(email: string, password: string): Promise<User> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !valid || user.disabledAt) throw new Unauthenticated(LOGIN_FAILED);
    return user;
  }

  async login(email: string, password: string): Promise<TokenPair> {
    const user = await this.verifyCredentials(email, password);
    return this.dataSource.transaction(async (manager) => {
      const expiresAt = new Date(this.clock.now().getTime() + this.config.refreshTokenTtlDays * 86_400_000);
      const [session]: { id: string }[] = await manager.query(
        'INSERT INTO auth_session (user_id, created_at, expires_at) VALUES ($1, $2, $3) RETURNING id',
        [user.id, this.clock.now(), expiresAt],
      );
      return this.issue(manager, user, session.id);
    });
  }

  /**
   * Rotates a refresh token. A token that was already used means it was copied:
   * the whole family (session) is revoked and the caller must sign in again.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const hash = TokensService.hashRefresh(refreshToken);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const [row]: { id: string; session_id: string; used_at: Date | null }[] = await manager.query(
        'SELECT id, session_id, used_at FROM refresh_token WHERE token_hash = $1 FOR UPDATE',
        [hash],
      );
      if (!row) return null;
      if (row.used_at) {
        await this.revokeSession(manager, row.session_id, 'refresh token reused');
        return 'reused' as const;
      }
      const [session]: { user_id: string; revoked_at: Date | null; expires_at: Date }[] = await manager.query(
        'SELECT user_id, revoked_at, expires_at FROM auth_session WHERE id = $1',
        [row.session_id],
      );
      const user = await manager.getRepository(User).findOneBy({ id: session.user_id });
      if (session.revoked_at || session.expires_at <= this.clock.now() || !user || user.disabledAt) return null;
      await manager.query('UPDATE refresh_token SET used_at = $2 WHERE id = $1', [row.id, this.clock.now()]);
      return this.issue(manager, user, row.session_id);
    });
    if (outcome === null || outcome === 'reused') throw new Unauthenticated('Refresh token is not valid; sign in again');
    return outcome;
  }

  async logout(actor: Actor): Promise<void> {
    await this.dataSource.transaction((manager) => this.revokeSession(manager, actor.sessionId, 'logout'));
  }

  async me(actor: Actor): Promise<MeResponse> {
    const user = await this.users.findOneBy({ id: actor.userId });
    const [org]: { type: string; name: string }[] = await this.dataSource.query('SELECT type, name FROM organisation WHERE id = $1', [
      actor.organisationId,
    ]);
    if (!user || !org) throw new AuthError(AuthErrorCode.UserNotFound, 'User not found');
    return { ...toUserSummary(user), organisationType: org.type, organisationName: org.name };
  }

  /** Ends every session of a user at once (used when an account is disabled). */
  async revokeAllSessions(manager: EntityManager, userId: string, reason: string): Promise<void> {
    await manager.query('UPDATE auth_session SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL', [
      userId,
      this.clock.now(),
      reason,
    ]);
  }

  private async revokeSession(manager: EntityManager, sessionId: string, reason: string): Promise<void> {
    await manager.query('UPDATE auth_session SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL', [
      sessionId,
      this.clock.now(),
      reason,
    ]);
  }

  private async issue(manager: EntityManager, user: User, sessionId: string): Promise<TokenPair> {
    const refresh = this.tokens.newRefreshToken(sessionId);
    await manager.query('INSERT INTO refresh_token (session_id, token_hash, created_at) VALUES ($1, $2, $3)', [
      sessionId,
      refresh.hash,
      this.clock.now(),
    ]);
    return {
      accessToken: this.tokens.signAccess(user.id, sessionId),
      refreshToken: refresh.token,
      expiresIn: this.config.accessTokenTtlSeconds,
      user: toUserSummary(user),
    };
  }
}
