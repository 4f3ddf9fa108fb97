import { InvalidTransition } from '@carepath/common';
import {
  assertTransition,
  canTransition,
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  ReferralStatus,
  waitingListsFor,
} from './referral.rules';

// DOMAIN-RULES.md "Status machines" — Referral.
const ALLOWED: [ReferralStatus, ReferralStatus][] = [
  ['received', 'triaged-accepted'],
  ['received', 'rejected'],
  ['received', 'redirected'],
  ['received', 'info-requested'],
  ['info-requested', 'received'],
  ['triaged-accepted', 'waiting'],
  ['waiting', 'in-treatment'],
  ['in-treatment', 'discharged'],
  ...(['received', 'info-requested', 'triaged-accepted', 'waiting', 'in-treatment'] as const).flatMap((open) => [
    [open, 'discharged'] as [ReferralStatus, ReferralStatus],
    [open, 'entered-in-error'] as [ReferralStatus, ReferralStatus],
  ]),
];

const key = ([from, to]: [ReferralStatus, ReferralStatus]) => `${from}->${to}`;
const allowed = new Set(ALLOWED.map(key));
const every = REFERRAL_STATUSES.flatMap((from) => REFERRAL_STATUSES.map((to) => [from, to] as [ReferralStatus, ReferralStatus]));

describe('referral status machine (DOMAIN-RULES.md "Status machines")', () => {
  it.each(every.filter((pair) => allowed.has(key(pair))))('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(every.filter((pair) => !allowed.has(key(pair))))('refuses %s -> %s with a 409 naming both', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertTransition(from, to)).toThrow(InvalidTransition);
    try {
      assertTransition(from, to);
    } catch (error) {
      expect((error as InvalidTransition).statusCode).toBe(409);
      expect((error as InvalidTransition).details).toEqual({ current: from, requested: to });
    }
  });

  it('terminal states go nowhere', () => {
    for (const terminal of ['rejected', 'redirected', 'discharged', 'entered-in-error'] as const) {
      expect(REFERRAL_TRANSITIONS[terminal]).toEqual([]);
    }
  });
});

describe('waiting lists per status', () => {
  it.each<[ReferralStatus, string[]]>([
    ['received', []],
    ['triaged-accepted', ['assessment', 'physiotherapy', 'tai-chi']],
    ['waiting', ['physiotherapy', 'tai-chi']],
    ['in-treatment', []],
    ['discharged', []],
  ])('%s waits on %j', (status, lists) => {
    expect(waitingListsFor(status, ['physiotherapy', 'tai-chi'])).toEqual(lists);
  });
});
