import { londonDate } from '@carepath/common';
import {
  applyClockEvent,
  breachOn,
  clockFromEvents,
  ClockEvent,
  clockView,
  delayNeedsReview,
  estimatedWeeksToTreatment,
  weekBand,
  WEEK_BANDS,
} from './referral-clock.rules';

// Source for every row: DOMAIN-RULES.md "Waiting-time clock" (NHS RTT Recording and Reporting guidance v5.0, Feb 2025).
describe('RTT clock scenarios (DOMAIN-RULES.md)', () => {
  it.each<[string, ClockEvent[], string, { state: string; startedOn: string | null; daysWaited: number; weekBand: string | null }]>([
    [
      'received 1 March, first therapy attended 5 April: 35 days, band 4-5',
      [
        { type: 'received', on: '2026-03-01' },
        { type: 'treatment-started', on: '2026-04-05' },
      ],
      '2026-06-01',
      { state: 'stopped', startedOn: '2026-03-01', daysWaited: 35, weekBand: '4-5' },
    ],
    [
      'first appointment DNA (communicated) 10 March, rebooked 12 March, attended 2 April: new clock from 12 March, 21 days',
      [
        { type: 'received', on: '2026-03-01' },
        { type: 'first-appointment-dna', on: '2026-03-10', communicated: true },
        { type: 'rebooked', on: '2026-03-12' },
        { type: 'treatment-started', on: '2026-04-02' },
      ],
      '2026-06-01',
      { state: 'stopped', startedOn: '2026-03-12', daysWaited: 21, weekBand: '2-3' },
    ],
    [
      'first appointment DNA not communicated: the clock is not nullified',
      [
        { type: 'received', on: '2026-03-01' },
        { type: 'first-appointment-dna', on: '2026-03-10', communicated: false },
        { type: 'rebooked', on: '2026-03-12' },
        { type: 'treatment-started', on: '2026-04-02' },
      ],
      '2026-06-01',
      { state: 'stopped', startedOn: '2026-03-01', daysWaited: 32, weekBand: '4-5' },
    ],
    [
      'patient cancels twice: the clock keeps ticking',
      [
        { type: 'received', on: '2026-03-01' },
        { type: 'cancelled', on: '2026-03-10', by: 'patient' },
        { type: 'cancelled', on: '2026-03-20', by: 'patient' },
      ],
      '2026-04-15',
      { state: 'running', startedOn: '2026-03-01', daysWaited: 45, weekBand: '6-7' },
    ],
    [
      'discharged to GP on day 50: stopped at 50',
      [
        { type: 'received', on: '2026-03-01' },
        { type: 'non-treatment-stop', on: '2026-04-20', reason: 'discharged-to-gp' },
      ],
      '2026-09-01',
      { state: 'stopped', startedOn: '2026-03-01', daysWaited: 50, weekBand: '7-8' },
    ],
    [
      'cancellation by the service neither stops nor pauses the clock',
      [
        { type: 'received', on: '2026-03-01' },
        { type: 'cancelled', on: '2026-03-05', by: 'service' },
      ],
      '2026-03-29',
      { state: 'running', startedOn: '2026-03-01', daysWaited: 28, weekBand: '3-4' },
    ],
    [
      'a later DNA does not stop the clock by itself',
      [
        { type: 'received', on: '2026-03-01' },
        { type: 'later-dna', on: '2026-03-20' },
      ],
      '2026-03-31',
      { state: 'running', startedOn: '2026-03-01', daysWaited: 30, weekBand: '4-5' },
    ],
    [
      'active monitoring is a non-treatment stop',
      [
        { type: 'received', on: '2026-03-01' },
        { type: 'non-treatment-stop', on: '2026-03-15', reason: 'active-monitoring' },
      ],
      '2026-05-01',
      { state: 'stopped', startedOn: '2026-03-01', daysWaited: 14, weekBand: '1-2' },
    ],
    [
      'a decision to treat after active monitoring starts a new clock',
      [
        { type: 'received', on: '2026-03-01' },
        { type: 'non-treatment-stop', on: '2026-03-15', reason: 'active-monitoring' },
        { type: 'decision-to-treat', on: '2026-06-01' },
      ],
      '2026-06-11',
      { state: 'running', startedOn: '2026-06-01', daysWaited: 10, weekBand: '1-2' },
    ],
    [
      'after a nullifying DNA and before rebooking no clock runs',
      [
        { type: 'received', on: '2026-03-01' },
        { type: 'first-appointment-dna', on: '2026-03-10', communicated: true },
      ],
      '2026-03-20',
      { state: 'nullified', startedOn: null, daysWaited: 0, weekBand: null },
    ],
  ])('%s', (_, events, today, expected) => {
    expect(clockView(clockFromEvents(events), today)).toMatchObject(expected);
  });

  it('keeps the history of periods: the nullified wait and the new clock', () => {
    const periods = clockFromEvents([
      { type: 'received', on: '2026-03-01' },
      { type: 'first-appointment-dna', on: '2026-03-10', communicated: true },
      { type: 'rebooked', on: '2026-03-12' },
    ]);
    expect(periods).toEqual([
      { startedOn: '2026-03-01', stoppedOn: '2026-03-10', stopReason: 'first-appointment-dna', nullified: true },
      { startedOn: '2026-03-12', stoppedOn: null, stopReason: null, nullified: false },
    ]);
  });

  it('ignores events that do not apply: no second start, no stop of a stopped clock, no rebooking without a nullified DNA', () => {
    const stopped = clockFromEvents([
      { type: 'received', on: '2026-03-01' },
      { type: 'treatment-started', on: '2026-03-20' },
    ]);
    expect(applyClockEvent(stopped, { type: 'received', on: '2026-04-01' })).toEqual(stopped);
    expect(applyClockEvent(stopped, { type: 'non-treatment-stop', on: '2026-04-01', reason: 'discharged-to-gp' })).toEqual(stopped);
    expect(applyClockEvent(stopped, { type: 'rebooked', on: '2026-04-01' })).toEqual(stopped);
    expect(applyClockEvent(stopped, { type: 'decision-to-treat', on: '2026-04-01' })).toEqual(stopped);
  });
});

describe('RTT week bands (DOMAIN-RULES.md)', () => {
  it.each([
    [0, '0-1'],
    [1, '0-1'],
    [7, '0-1'],
    [8, '1-2'],
    [14, '1-2'],
    [15, '2-3'],
    [35, '4-5'],
    [126, '17-18'],
    [127, '18-19'],
    [364, '51-52'],
    [365, '52-53'],
    [728, '103-104'],
    [729, '104+'],
    [2000, '104+'],
  ])('%i days is band %s', (days, band) => {
    expect(weekBand(days)).toBe(band);
  });

  it('lists the RTT return bands in order', () => {
    expect(WEEK_BANDS[0]).toBe('0-1');
    expect(WEEK_BANDS[17]).toBe('17-18');
    expect(WEEK_BANDS[103]).toBe('103-104');
    expect(WEEK_BANDS[104]).toBe('104+');
    expect(WEEK_BANDS).toHaveLength(105);
  });
});

describe('18-week breach (DOMAIN-RULES.md)', () => {
  it('the breach date is the clock start + 126 days', () => {
    expect(breachOn('2026-03-01')).toBe('2026-07-05');
  });

  it.each([
    ['2026-07-05', false],
    ['2026-07-06', true],
  ])('on %s a wait that started 1 March is breached: %s', (today, breached) => {
    const view = clockView(clockFromEvents([{ type: 'received', on: '2026-03-01' }]), today);
    expect(view.breached).toBe(breached);
    expect(view.breachOn).toBe('2026-07-05');
  });
});

describe('days are Europe/London dates', () => {
  it.each([
    ['2026-07-01T23:30:00Z', '2026-07-02'], // BST: 00:30 the next day in London
    ['2026-01-15T23:30:00Z', '2026-01-15'], // GMT
    ['2026-03-29T00:30:00Z', '2026-03-29'], // the morning the clocks go forward
  ])('%s is %s in London', (instant, date) => {
    expect(londonDate(new Date(instant))).toBe(date);
  });
});

describe('patient-initiated delay review (DOMAIN-RULES.md: over 6 weeks needs a clinical review)', () => {
  it.each([
    ['2026-03-01', '2026-04-12', '2026-05-01', false], // 42 days exactly
    ['2026-03-01', '2026-04-13', '2026-05-01', true], // 43 days
    ['2026-03-01', null, '2026-04-12', false], // open, 42 days so far
    ['2026-03-01', null, '2026-04-13', true], // open, 43 days so far
  ])('delay %s to %s (today %s) needs review: %s', (starts, ends, today, expected) => {
    expect(delayNeedsReview(starts, ends, today)).toBe(expected);
  });
});

describe('estimated weeks to treatment', () => {
  it.each([
    [1, 5, 1],
    [5, 5, 1],
    [6, 5, 2],
    [50, 4, 13],
  ])('position %i at %i slots a week: %i weeks', (position, slots, weeks) => {
    expect(estimatedWeeksToTreatment(position, slots)).toBe(weeks);
  });

  it('is unknown without capacity', () => {
    expect(estimatedWeeksToTreatment(3, 0)).toBeNull();
  });
});
