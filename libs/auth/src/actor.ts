import type { MongoAbility } from '@casl/ability';
import { subject } from '@casl/ability';
import type { Discipline, OrganisationType, Role } from './roles';

/**
 * `triage` covers clinical decisions on a referral; `correct` covers corrections such as entered-in-error;
 * `schedule` covers booking sessions; `approve`, `resend` and `acknowledge` are the steps of a GP letter that only
 * one role may take. (CASL reserves `manage` for "any action".)
 */
export type Action = 'read' | 'create' | 'update' | 'triage' | 'correct' | 'schedule' | 'approve' | 'resend' | 'acknowledge';
/** A CASL subject type, registered by the library that owns it (AbilityFactory.register). */
export type SubjectType = string;
export type AppAbility = MongoAbility<[Action, SubjectType | Record<string, unknown>]>;

/** Who is making the request, from their verified token and current account state. */
export interface ActorIdentity {
  userId: string;
  role: Role;
  organisationId: string;
  organisationType: OrganisationType;
  discipline: Discipline | null;
  sessionId: string;
}

export interface Actor extends ActorIdentity {
  ability: AppAbility;
  requestId: string;
}

/** A record as a CASL subject of the given type (a copy, so the record itself is not tagged). */
export function asSubject(type: SubjectType, fields: Record<string, unknown>): Record<string, unknown> {
  return subject(type, { ...fields });
}
