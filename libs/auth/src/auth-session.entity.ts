import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from './user.entity';

/**
 * One sign-in. An API session's refresh tokens rotate within it; a web session is the browser's cookie (only its hash
 * is stored). Revoking it (sign-out, a reused token, a disabled user, an idle timeout) ends it at once.
 */
@Entity('auth_session')
@Check('auth_session_kind_check', `kind IN ('api', 'web')`)
@Check('auth_session_web_cookie_check', `(kind = 'web') = (cookie_hash IS NOT NULL)`)
@Unique('auth_session_cookie_hash_key', ['cookieHash'])
@Index('auth_session_user_idx', ['userId'], { where: 'revoked_at IS NULL' })
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => User, { name: 'auth_session_user_id_fkey' })
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason: string | null;

  @Column({ type: 'text', default: 'api' })
  kind: 'api' | 'web';

  @Column({ name: 'cookie_hash', type: 'text', nullable: true })
  cookieHash: string | null;

  /** A web session's last request: it ends after WEB_SESSION_IDLE_MS without one. */
  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;
}
