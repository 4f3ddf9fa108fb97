import { InvalidTransition } from '@carepath/common';
import {
  ACTIVITY_STATUSES,
  ActivityStatus,
  assertActivityTransition,
  assertPathwayTransition,
  PATHWAY_STATUSES,
  PathwayStatus,
  sessionCounters,
} from './pathway.rules';

// DOMAIN-RULES.md "Status machines": CarePlan.status.
const PATHWAY_ALLOWED = new Set([
  'draft->active',
  'active->on-hold',
  'on-hold->active',
  'active->completed',
  'active->revoked',
  ...PATHWAY_STATUSES.filter((s) => s !== 'entered-in-error').map((s) => `${s}->entered-in-error`),
]);

// DOMAIN-RULES.md "Status machines": CarePlan.activity.detail.status.
const ACTIVITY_ALLOWED = new Set([
  'not-started->scheduled',
  'scheduled->in-progress',
  'in-progress->completed',
  'in-progress->stopped',
  'on-hold->in-progress',
  'on-hold->scheduled',
  'in-progress->on-hold',
  'scheduled->on-hold',
  'not-started->cancelled',
  'scheduled->cancelled',
]);

const pairs = <T extends string>(all: readonly T[]) => all.flatMap((from) => all.map((to) => [from, to] as [T, T]));

describe('care pathway status machine (DOMAIN-RULES.md)', () => {
  it.each(pairs<PathwayStatus>(PATHWAY_STATUSES))('%s -> %s', (from, to) => {
    if (PATHWAY_ALLOWED.has(`${from}->${to}`)) {
      expect(() => assertPathwayTransition(from, to)).not.toThrow();
    } else {
      expect(() => assertPathwayTransition(from, to)).toThrow(InvalidTransition);
    }
  });
});

describe('pathway activity status machine (DOMAIN-RULES.md)', () => {
  it.each(pairs<ActivityStatus>(ACTIVITY_STATUSES))('%s -> %s', (from, to) => {
    if (ACTIVITY_ALLOWED.has(`${from}->${to}`)) {
      expect(() => assertActivityTransition(from, to)).not.toThrow();
    } else {
      expect(() => assertActivityTransition(from, to)).toThrow(InvalidTransition);
    }
  });
});

describe('session counters', () => {
  it('counts planned, booked, attended, DNA, cancelled and remaining', () => {
    expect(sessionCounters(6, ['attended', 'attended', 'dna', 'cancelled-by-patient', 'cancelled-by-service', 'booked'])).toEqual({
      planned: 6,
      booked: 1,
      attended: 2,
      dna: 1,
      cancelled: 2,
      remaining: 4,
    });
  });

  it('never goes below zero remaining', () => {
    expect(sessionCounters(1, ['attended', 'attended']).remaining).toBe(0);
  });
});
