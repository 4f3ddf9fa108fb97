import { InvalidTransition, ValidationFailed } from '@carepath/common';
import { HandoffError } from './handoffs.errors';
import { assertHandoffTransition, assertStatusDetails, HANDOFF_STATUSES, HandoffStatus, Side } from './handoff.rules';

// DOMAIN-RULES.md "Status machines" — Handoff (Task.status, SDOH closed-loop subset).
const ALLOWED: Record<string, Side[]> = {
  'requested->accepted': ['receiver'],
  'requested->rejected': ['receiver'],
  'requested->cancelled': ['requester', 'receiver'],
  'accepted->in-progress': ['receiver'],
  'accepted->cancelled': ['requester', 'receiver'],
  'in-progress->completed': ['receiver'],
  'in-progress->cancelled': ['requester', 'receiver'],
};

const cases = HANDOFF_STATUSES.flatMap((from) =>
  HANDOFF_STATUSES.flatMap((to) =>
    (['requester', 'receiver'] as Side[]).map((side) => [from, to, side] as [HandoffStatus, HandoffStatus, Side]),
  ),
);

describe('handoff transitions by side (DOMAIN-RULES.md)', () => {
  it.each(cases)('%s -> %s by the %s', (from, to, side) => {
    const sides = ALLOWED[`${from}->${to}`];
    if (!sides) expect(() => assertHandoffTransition(from, to, side)).toThrow(InvalidTransition);
    else if (!sides.includes(side)) {
      expect(() => assertHandoffTransition(from, to, side)).toThrow(HandoffError);
      try {
        assertHandoffTransition(from, to, side);
      } catch (error) {
        expect((error as HandoffError).message).toMatch(/^Only the (receiving organisation|requesting service)/);
      }
    } else expect(() => assertHandoffTransition(from, to, side)).not.toThrow();
  });

  it('completed, rejected and cancelled are terminal', () => {
    for (const terminal of ['completed', 'rejected', 'cancelled'] as const) {
      for (const to of HANDOFF_STATUSES) expect(() => assertHandoffTransition(terminal, to, 'receiver')).toThrow(InvalidTransition);
    }
  });
});

describe('reasons and outcomes', () => {
  it.each([
    ['rejected', {}, 'reason'],
    ['cancelled', { reason: '  ' }, 'reason'],
    ['completed', {}, 'outcome'],
    ['accepted', { outcome: 'engaged' }, 'outcome'],
  ] as const)('%s with %j names %s', (to, details, field) => {
    try {
      assertStatusDetails(to, details);
      throw new Error('expected a 400');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).details).toEqual({ fields: [expect.objectContaining({ field })] });
    }
  });

  it.each([
    ['rejected', { reason: 'At capacity' }],
    ['completed', { outcome: 'engaged' }],
    ['in-progress', {}],
  ] as const)('%s with %j is fine', (to, details) => {
    expect(() => assertStatusDetails(to, details)).not.toThrow();
  });
});
