import { CommonErrorCode, DomainError, FieldError, InvalidTransition, ValidationFailed } from '@carepath/common';
import { ClockEvent, ClockPeriod, NonTreatmentStop } from './referral-clock.rules';
import {
  activeMonitoringStop,
  AppointmentKind,
  assertBookable,
  assertCommunicatedAt,
  assertDelayDates,
  assertPathwayCanStart,
  assertReceivedOn,
  assertTakesDelays,
  assertTransition,
  assertTriageComplete,
  assessedSteps,
  Attendance,
  attendanceChange,
  canTransition,
  decisionToTreatStart,
  isAcceptedOrWaiting,
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  ReferralStatus,
  treatmentSteps,
  TriageDecision,
  TriageOutcome,
  triageClockEvent,
  waitingListsFor,
} from './referral.rules';
import { ReferralErrorCode } from './referrals.errors';

const TODAY = '2026-06-01';
const NOW = new Date('2026-06-01T12:00:00Z');

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

const DOMAIN = 'DOMAIN-RULES.md';
const PRODUCT = 'PRODUCT.md';

/** The error a rule threw, or undefined when it passed. */
function refusal(rule: () => unknown): DomainError | undefined {
  try {
    rule();
    return undefined;
  } catch (error) {
    return error as DomainError;
  }
}

const codeOf = (rule: () => unknown) => refusal(rule)?.code ?? 'allowed';

const period = (startedOn: string, stoppedOn: string | null, stopReason: ClockPeriod['stopReason'] = null): ClockPeriod => ({
  startedOn,
  stoppedOn,
  stopReason,
  nullified: false,
});

describe('accepted or waiting: the referral can be booked, given a care pathway, or start treatment', () => {
  it.each<[string, ReferralStatus, boolean]>([
    [`${DOMAIN} "Status machines": triaged-accepted -> waiting -> in-treatment`, 'triaged-accepted', true],
    [`${DOMAIN} "Status machines": waiting for therapy after the assessment`, 'waiting', true],
    [`${DOMAIN} "Status machines": not yet triaged`, 'received', false],
    [`${DOMAIN} "Status machines": waiting on the referrer`, 'info-requested', false],
    [`${DOMAIN} "Waiting-time clock": the clock already stopped for treatment`, 'in-treatment', false],
    [`${DOMAIN} "Status machines": terminal`, 'rejected', false],
    [`${DOMAIN} "Status machines": terminal`, 'redirected', false],
    [`${DOMAIN} "Status machines": terminal`, 'discharged', false],
    [`${DOMAIN} "Status machines": terminal`, 'entered-in-error', false],
  ])('%s: %s -> %s', (_source, status, expected) => {
    expect(isAcceptedOrWaiting(status)).toBe(expected);
    expect(codeOf(() => assertPathwayCanStart(status))).toBe(expected ? 'allowed' : ReferralErrorCode.ReferralNotAccepted);
    expect(treatmentSteps(status).length > 0).toBe(expected);
  });

  it.each<[string, ReferralStatus, AppointmentKind, string]>([
    [`${PRODUCT} "Referrals": after acceptance the patient is invited to the assessment`, 'triaged-accepted', 'assessment', 'allowed'],
    [`${PRODUCT} "Referrals": after acceptance, an introductory session`, 'triaged-accepted', 'introductory', 'allowed'],
    [`${PRODUCT} "Referrals": an introductory session while waiting for therapy`, 'waiting', 'introductory', 'allowed'],
    [`${DOMAIN} "Status machines": waiting means already assessed`, 'waiting', 'assessment', ReferralErrorCode.AlreadyAssessed],
    [`${DOMAIN} "Status machines": not yet triaged`, 'received', 'assessment', ReferralErrorCode.ReferralNotAwaitingAppointment],
    [`${DOMAIN} "Status machines": in treatment`, 'in-treatment', 'introductory', ReferralErrorCode.ReferralNotAwaitingAppointment],
    [`${DOMAIN} "Status machines": terminal`, 'discharged', 'assessment', ReferralErrorCode.ReferralNotAwaitingAppointment],
  ])('%s: booking %s for %s is %s', (_source, status, kind, expected) => {
    expect(codeOf(() => assertBookable(status, kind))).toBe(expected);
  });

  it('the 409s name the current status', () => {
    expect(refusal(() => assertBookable('received', 'assessment'))?.details).toEqual({ current: 'received' });
    expect(refusal(() => assertPathwayCanStart('discharged'))).toMatchObject({ statusCode: 409, details: { current: 'discharged' } });
  });
});

describe('triage: the fields each outcome needs (PRODUCT.md "Referrals, triage and waiting lists")', () => {
  it.each<[string, TriageDecision, string[]]>([
    ['accept needs the modalities the patient is triaged to', { outcome: 'accept' }, ['modalities']],
    ['accept with no modalities', { outcome: 'accept', modalities: [] }, ['modalities']],
    ['accept with modalities', { outcome: 'accept', modalities: ['physiotherapy'] }, []],
    ['reject needs a reason', { outcome: 'reject' }, ['reason']],
    ['reject with a reason', { outcome: 'reject', reason: 'Not chronic pain' }, []],
    ['redirect needs a reason and a destination', { outcome: 'redirect' }, ['reason', 'destination']],
    ['redirect needs a destination', { outcome: 'redirect', reason: 'Better served elsewhere' }, ['destination']],
    ['redirect with both', { outcome: 'redirect', reason: 'Better served elsewhere', destination: 'Rheumatology' }, []],
    ['request more information needs nothing more', { outcome: 'request-info' }, []],
  ])('%s', (_source, decision, fields) => {
    const error = refusal(() => assertTriageComplete(decision));
    if (fields.length === 0) expect(error).toBeUndefined();
    else {
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error?.details as { fields: FieldError[] }).fields.map((f) => f.field)).toEqual(fields);
    }
  });

  it.each<[string, TriageOutcome, ClockEvent | undefined]>([
    [`${DOMAIN} "Waiting-time clock": a decision not to treat is a non-treatment stop`, 'reject', nonTreatmentStop('rejected')],
    [`${DOMAIN} "Waiting-time clock": redirecting elsewhere is a non-treatment stop`, 'redirect', nonTreatmentStop('redirected')],
    [`${DOMAIN} "Waiting-time clock": the clock runs from receipt until treatment`, 'accept', undefined],
    [`${DOMAIN} "Waiting-time clock": no pauses while information is requested`, 'request-info', undefined],
  ])('%s: %s', (_source, outcome, event) => {
    expect(triageClockEvent(outcome, TODAY)).toEqual(event);
  });
});

describe('clock preconditions (DOMAIN-RULES.md "Waiting-time clock")', () => {
  it.each<[string, ReferralStatus, ClockPeriod[], string]>([
    ['active monitoring stops a running clock', 'waiting', [period('2026-03-01', null)], 'allowed'],
    [
      'active monitoring after a decision to treat restarted the clock',
      'waiting',
      [period('2026-03-01', '2026-04-01', 'active-monitoring'), period('2026-05-01', null)],
      'allowed',
    ],
    [
      'the clock already stopped for treatment',
      'in-treatment',
      [period('2026-03-01', '2026-04-01', 'first-treatment')],
      ReferralErrorCode.ClockNotRunning,
    ],
    [
      'already in active monitoring',
      'waiting',
      [period('2026-03-01', '2026-04-01', 'active-monitoring')],
      ReferralErrorCode.ClockNotRunning,
    ],
    ['no clock at all', 'received', [], ReferralErrorCode.ClockNotRunning],
    ['a closed referral takes no clock change', 'discharged', [period('2026-03-01', null)], CommonErrorCode.InvalidTransition],
  ])('active monitoring: %s', (_source, status, periods, expected) => {
    expect(codeOf(() => activeMonitoringStop(status, periods, TODAY))).toBe(expected);
    if (expected === 'allowed') expect(activeMonitoringStop(status, periods, TODAY)).toEqual(nonTreatmentStop('active-monitoring'));
  });

  it.each<[string, ReferralStatus, ClockPeriod[], string]>([
    [
      'a decision to treat after active monitoring starts a new clock',
      'waiting',
      [period('2026-03-01', '2026-04-01', 'active-monitoring')],
      'allowed',
    ],
    ['a decision to treat needs active monitoring first', 'waiting', [period('2026-03-01', null)], ReferralErrorCode.NotInActiveMonitoring],
    [
      'a discharge is not active monitoring',
      'waiting',
      [period('2026-03-01', '2026-04-01', 'discharged-to-gp')],
      ReferralErrorCode.NotInActiveMonitoring,
    ],
    ['no clock at all', 'received', [], ReferralErrorCode.NotInActiveMonitoring],
    [
      'a closed referral takes no clock change',
      'entered-in-error',
      [period('2026-03-01', '2026-04-01', 'active-monitoring')],
      CommonErrorCode.InvalidTransition,
    ],
  ])('decision to treat: %s', (_source, status, periods, expected) => {
    expect(codeOf(() => decisionToTreatStart(status, periods, TODAY))).toBe(expected);
    if (expected === 'allowed') expect(decisionToTreatStart(status, periods, TODAY)).toEqual({ type: 'decision-to-treat', on: TODAY });
  });

  it('the refusal of a closed referral names its status and the action', () => {
    expect(refusal(() => activeMonitoringStop('discharged', [], TODAY))?.details).toEqual({
      current: 'discharged',
      requested: 'active-monitoring',
    });
  });
});

describe('dates a referral change must not get wrong', () => {
  it.each<[string, () => void, string]>([
    [
      `${DOMAIN} "Waiting-time clock": the clock starts on receipt, which cannot be after today`,
      () => assertReceivedOn('2026-06-02', TODAY),
      ReferralErrorCode.ReceivedDateInFuture,
    ],
    [`${DOMAIN} "Waiting-time clock": received today`, () => assertReceivedOn(TODAY, TODAY), 'allowed'],
    [`${DOMAIN} "Waiting-time clock": received before today`, () => assertReceivedOn('2026-03-01', TODAY), 'allowed'],
    [`${DOMAIN} "Waiting-time clock": received today by default`, () => assertReceivedOn(undefined, TODAY), 'allowed'],
    [
      `${DOMAIN} "Waiting-time clock": a delay's dates are recorded as given, so they must be in order`,
      () => assertDelayDates('2026-05-10', '2026-05-09'),
      ReferralErrorCode.DelayEndsBeforeItStarts,
    ],
    [`${DOMAIN} "Waiting-time clock": a one-day delay`, () => assertDelayDates('2026-05-10', '2026-05-10'), 'allowed'],
    [`${DOMAIN} "Waiting-time clock": an open-ended delay`, () => assertDelayDates('2026-05-10', undefined), 'allowed'],
    [`${DOMAIN} "Waiting-time clock": a delay is recorded while the referral is open`, () => assertTakesDelays('waiting'), 'allowed'],
    [
      `${DOMAIN} "Status machines": a discharged referral is closed`,
      () => assertTakesDelays('discharged'),
      ReferralErrorCode.ReferralClosed,
    ],
    [
      `${DOMAIN} "Waiting-time clock": a first DNA counts only if communicated, so communication cannot be in the future`,
      () => assertCommunicatedAt(new Date('2026-06-01T12:00:01Z'), NOW),
      ReferralErrorCode.CommunicatedInFuture,
    ],
    [`${DOMAIN} "Waiting-time clock": communicated now`, () => assertCommunicatedAt(NOW, NOW), 'allowed'],
    [`${DOMAIN} "Waiting-time clock": not recorded as communicated`, () => assertCommunicatedAt(null, NOW), 'allowed'],
  ])('%s', (_source, rule, expected) => {
    expect(codeOf(rule)).toBe(expected);
  });
});

describe('what moving a referral on records in its history', () => {
  it.each<[string, ReferralStatus, ReferralStatus[]]>([
    [`${DOMAIN} "Status machines": a care pathway agreed at the assessment`, 'triaged-accepted', ['waiting']],
    [`${DOMAIN} "Status machines": already assessed`, 'waiting', []],
    [`${DOMAIN} "Status machines": already in treatment`, 'in-treatment', []],
  ])('%s: assessed from %s', (_source, status, statuses) => {
    expect(assessedSteps(status).map((s) => s.to)).toEqual(statuses);
  });

  it.each<[string, ReferralStatus, ReferralStatus[]]>([
    [
      `${DOMAIN} "Waiting-time clock": the first attended therapy session assesses an accepted referral on the way`,
      'triaged-accepted',
      ['waiting', 'in-treatment'],
    ],
    [`${DOMAIN} "Waiting-time clock": the first attended therapy session`, 'waiting', ['in-treatment']],
    [`${DOMAIN} "Waiting-time clock": later sessions change nothing`, 'in-treatment', []],
    [`${DOMAIN} "Status machines": a closed referral does not reopen`, 'discharged', []],
  ])('%s: treatment from %s', (_source, status, statuses) => {
    const steps = treatmentSteps(status);
    expect(steps.map((s) => s.to)).toEqual(statuses);
    let from = status;
    for (const step of steps) {
      expect(canTransition(from, step.to)).toBe(true);
      from = step.to;
    }
  });
});

describe('attendance at an assessment or introductory session (DOMAIN-RULES.md "Waiting-time clock", "Session attendance")', () => {
  const STARTS = new Date('2026-05-10T09:00:00Z');
  const attendance = (overrides: Partial<Attendance>): Attendance => ({
    kind: 'assessment',
    current: 'booked',
    outcome: 'attended',
    isTreatment: false,
    on: '2026-05-10',
    startsAt: STARTS,
    communicatedAt: new Date('2026-05-01T09:00:00Z'),
    isFirstAppointment: true,
    ...overrides,
  });

  it.each<[string, ReferralStatus, Partial<Attendance>, ReferralStatus[], ClockEvent | undefined]>([
    ['an attended assessment assesses the patient; it is not treatment unless marked so', 'triaged-accepted', {}, ['waiting'], undefined],
    [
      'an assessment marked as treatment stops the clock for treatment',
      'triaged-accepted',
      { isTreatment: true },
      ['waiting', 'in-treatment'],
      { type: 'treatment-started', on: '2026-05-10' },
    ],
    ['an attended introductory session changes nothing', 'triaged-accepted', { kind: 'introductory' }, [], undefined],
    [
      'a first DNA, clearly communicated, nullifies the clock',
      'triaged-accepted',
      { outcome: 'dna' },
      [],
      { type: 'first-appointment-dna', on: '2026-05-10', communicated: true },
    ],
    [
      'a first DNA not communicated does not',
      'triaged-accepted',
      { outcome: 'dna', communicatedAt: null },
      [],
      { type: 'first-appointment-dna', on: '2026-05-10', communicated: false },
    ],
    [
      'a first DNA communicated only after the appointment does not',
      'triaged-accepted',
      { outcome: 'dna', communicatedAt: new Date('2026-05-10T09:00:01Z') },
      [],
      { type: 'first-appointment-dna', on: '2026-05-10', communicated: false },
    ],
    [
      'later DNAs never stop the clock by themselves',
      'waiting',
      { kind: 'introductory', outcome: 'dna', isFirstAppointment: false },
      [],
      { type: 'later-dna', on: '2026-05-10' },
    ],
    [
      'a cancellation by the patient does not stop the clock',
      'triaged-accepted',
      { outcome: 'cancelled-by-patient' },
      [],
      { type: 'cancelled', on: '2026-05-10', by: 'patient' },
    ],
    [
      'a cancellation by the service does not stop the clock',
      'triaged-accepted',
      { outcome: 'cancelled-by-service' },
      [],
      { type: 'cancelled', on: '2026-05-10', by: 'service' },
    ],
  ])('%s', (_source, status, overrides, statuses, clock) => {
    const change = attendanceChange(status, attendance(overrides));
    expect(change.steps.map((s) => s.to)).toEqual(statuses);
    expect(change.clock).toEqual(clock);
  });

  it.each<[string, Partial<Attendance>, string]>([
    ['attendance is recorded once: booked -> attended | dna | cancelled', { current: 'attended' }, CommonErrorCode.InvalidTransition],
    ['only an attended assessment can be treatment: not a DNA', { outcome: 'dna', isTreatment: true }, ReferralErrorCode.NotTreatment],
    [
      'only an attended assessment can be treatment: not an introductory session',
      { kind: 'introductory', isTreatment: true },
      ReferralErrorCode.NotTreatment,
    ],
  ])('%s', (_source, overrides, expected) => {
    expect(codeOf(() => attendanceChange('triaged-accepted', attendance(overrides)))).toBe(expected);
  });
});

function nonTreatmentStop(reason: NonTreatmentStop): ClockEvent {
  return { type: 'non-treatment-stop', on: TODAY, reason };
}
