import { ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Forbidden, isUuid, Unauthenticated } from '@carepath/common';
import { AbilityFactory } from './ability.factory';
import { ActorIdentity } from './actor';
import {
  AuthenticatedRequest,
  Permission,
  PERMISSION_KEY,
  PUBLIC_KEY,
  RouteDenialRecorder,
  WEB_SESSION_KEY,
} from './authenticated.decorator';
import { WebSessionsService } from './web-sessions.service';

/**
 * The global guard: every route is denied unless it is @Public or states its permission with @Authenticated. The
 * bearer token is checked by JwtStrategy (which re-reads the account and session); the permission is checked here
 * against the actor's CASL ability, and a refusal on a patient-data subject is audited.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly abilities: AbilityFactory,
    private readonly webSessions: WebSessionsService,
    @Optional() private readonly denials?: RouteDenialRecorder,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) throw new Forbidden('This route declares no permission');

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const identity = this.reflector.getAllAndOverride<boolean>(WEB_SESSION_KEY, targets)
      ? await this.webIdentity(request)
      : await this.bearerIdentity(context, request);
    const ability = this.abilities.createFor(identity);
    const actor = { ...identity, ability, requestId: String(request.id ?? '') };
    request.actor = actor;
    if (!ability.can(permission.action, permission.subject)) {
      if (this.denials && this.abilities.isPatientData(permission.subject)) {
        const params = request.params as Record<string, string | undefined>;
        const uuidParam = (name: string | undefined) => (name && params[name] && isUuid(params[name]) ? params[name] : null);
        await this.denials.recordRouteDenied(actor, permission, uuidParam('id'), uuidParam(permission.patientParam));
      }
      throw new Forbidden();
    }
    return true;
  }

  private async bearerIdentity(context: ExecutionContext, request: AuthenticatedRequest): Promise<ActorIdentity> {
    await super.canActivate(context);
    return request.user as ActorIdentity;
  }

  /** The browser's cookie session; a missing or ended one is a 401 (the web interface sends the user to sign in). */
  private async webIdentity(request: AuthenticatedRequest): Promise<ActorIdentity> {
    const cookies = (request as { cookies?: Record<string, unknown> }).cookies ?? {};
    const identity = await this.webSessions.resolve(cookies[this.webSessions.cookie().name]);
    if (!identity) throw new Unauthenticated('Your session has ended; sign in again');
    return identity;
  }

  /** A missing, malformed, forged or expired token is one 401; a session that ended says so. */
  override handleRequest<T>(error: unknown, identity: T | false): T {
    if (error) throw error;
    if (!identity) throw new Unauthenticated();
    return identity;
  }
}
