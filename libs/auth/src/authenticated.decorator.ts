import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { ErrorBody } from '@carepath/common';
import { Action, Actor, SubjectType } from './actor';

export const PERMISSION_KEY = 'carepath:permission';
export const PUBLIC_KEY = 'carepath:public';
export const WEB_SESSION_KEY = 'carepath:web-session';

export interface Permission {
  action: Action;
  subject: SubjectType;
  /** The route parameter holding the patient's id, so a refused attempt is audited against that patient. */
  patientParam?: string;
}

/** Told of every refusal of a patient-data route; the audit library records it. */
export abstract class RouteDenialRecorder {
  abstract recordRouteDenied(actor: Actor, permission: Permission, entityId: string | null, patientId: string | null): Promise<void>;
}

/** States the permission a route needs; the global guard refuses every route that has none. */
export function Authenticated(permission: Permission): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(PERMISSION_KEY, permission),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, expired or revoked access token', type: ErrorBody }),
    ApiForbiddenResponse({ description: 'Your role may not do this', type: ErrorBody }),
  );
}

/** A route anyone may call (login, refresh, health, docs). */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_KEY, true);
}

/** Routes whose caller is the browser's session cookie (the web interface), not a bearer token. */
export function WebSession(): ClassDecorator {
  return SetMetadata(WEB_SESSION_KEY, true);
}

export type AuthenticatedRequest = Request & { actor?: Actor; id?: string };

/** The authenticated actor of this request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without @Authenticated');
  return actor;
});
