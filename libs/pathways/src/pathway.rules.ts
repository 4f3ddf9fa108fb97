/**
 * Care pathway and activity status machines (DOMAIN-RULES.md "Status
 * machines": FHIR CarePlan.status and CarePlan.activity.detail.status), and
 * session counters. Pure functions, no I/O.
 */
import { InvalidTransition } from '@carepath/common';

export const PATHWAY_STATUSES = ['draft', 'active', 'on-hold', 'completed', 'revoked', 'entered-in-error'] as const;
export type PathwayStatus = (typeof PATHWAY_STATUSES)[number];

export const PATHWAY_TRANSITIONS: Record<PathwayStatus, readonly PathwayStatus[]> = {
  draft: ['active', 'entered-in-error'],
  active: ['on-hold', 'completed', 'revoked', 'entered-in-error'],
  'on-hold': ['active', 'entered-in-error'],
  completed: ['entered-in-error'],
  revoked: ['entered-in-error'],
  'entered-in-error': [],
};

export const ACTIVITY_STATUSES = ['not-started', 'scheduled', 'in-progress', 'on-hold', 'completed', 'cancelled', 'stopped'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ACTIVITY_TRANSITIONS: Record<ActivityStatus, readonly ActivityStatus[]> = {
  'not-started': ['scheduled', 'cancelled'],
  scheduled: ['in-progress', 'on-hold', 'cancelled'],
  'in-progress': ['completed', 'stopped', 'on-hold'],
  'on-hold': ['in-progress', 'scheduled'],
  completed: [],
  cancelled: [],
  stopped: [],
};

export function assertPathwayTransition(from: PathwayStatus, to: PathwayStatus): void {
  if (!PATHWAY_TRANSITIONS[from].includes(to)) throw new InvalidTransition('Care pathway', from, to);
}

export function assertActivityTransition(from: ActivityStatus, to: ActivityStatus): void {
  if (!ACTIVITY_TRANSITIONS[from].includes(to)) throw new InvalidTransition('Pathway activity', from, to);
}

/** Activities still open to sessions. */
export function activityOpen(status: ActivityStatus): boolean {
  return status === 'not-started' || status === 'scheduled' || status === 'in-progress';
}

export const SESSION_OUTCOMES = ['attended', 'dna', 'cancelled-by-patient', 'cancelled-by-service'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

export interface SessionCounters {
  planned: number;
  booked: number;
  attended: number;
  dna: number;
  cancelled: number;
  remaining: number;
}

/** Planned against what happened; remaining counts down with attended sessions only. */
export function sessionCounters(planned: number, outcomes: readonly (SessionOutcome | 'booked')[]): SessionCounters {
  const count = (pred: (o: string) => boolean) => outcomes.filter(pred).length;
  const attended = count((o) => o === 'attended');
  return {
    planned,
    booked: count((o) => o === 'booked'),
    attended,
    dna: count((o) => o === 'dna'),
    cancelled: count((o) => o.startsWith('cancelled')),
    remaining: Math.max(planned - attended, 0),
  };
}
