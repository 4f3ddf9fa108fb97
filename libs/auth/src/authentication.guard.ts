import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Clock, Forbidden, isUuid, Unauthenticated } from '@carepath/common';
import { AbilityFactory } from './ability.factory';
import { ActorIdentity } from './actor';
import {
  AuthenticatedRequest,
  PATIENT_DATA_SUBJECTS,
  Permission,
  PERMISSION_KEY,
  PUBLIC_KEY,
  RouteDenialRecorder,
} from './authenticated.decorator';
import { TokensService } from './tokens.service';

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
 * The global guard: every route is denied unless it is @Public or states its
 * permission with @Authenticated. The account and session are re-read on each
 * request, so disabling a user or logging out ends access at once.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly abilities: AbilityFactory,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Optional() private readonly denials?: RouteDenialRecorder,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) throw new Forbidden('This route declares no permission');

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const identity = await this.authenticate(request.headers.authorization);
    const ability = this.abilities.createFor(identity);
    const actor = { ...identity, ability, requestId: String(request.id ?? '') };
    request.actor = actor;
    if (!ability.can(permission.action, permission.subject)) {
      if (this.denials && PATIENT_DATA_SUBJECTS.includes(permission.subject)) {
        const params = request.params as Record<string, string | undefined>;
        const uuidParam = (name: string | undefined) => (name && params[name] && isUuid(params[name]) ? params[name] : null);
        await this.denials.recordRouteDenied(actor, permission, uuidParam('id'), uuidParam(permission.patientParam));
      }
      throw new Forbidden();
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<ActorIdentity> {
    const match = /^Bearer ([A-Za-z0-9_.-]{1,4096})$/.exec(header ?? '');
    const claims = match ? this.tokens.verifyAccess(match[1]) : null;
    if (!claims) throw new Unauthenticated();
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
