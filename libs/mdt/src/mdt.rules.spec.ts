import { CaseFacts, compareDueCases, DueCase, dueCase, isoWeek, nextReviewAfterMeeting, scheduledReviewOn } from './mdt.rules';

const active: CaseFacts = {
  pathwayStatus: 'active',
  activatedOn: '2026-01-05',
  lastReviewedOn: null,
  flaggedOn: null,
  openDnaTasksRaisedOn: [],
  openPhq9TasksRaisedOn: [],
};

// Source for every row: DOMAIN-RULES.md "Reviews, letters, tasks" ("MDT review due: 12 weeks after pathway
// activation and after each review; sooner when a clinician flags the case or a DNA review task is open"), and
// issue 9 (an open urgent PHQ-9 task makes a case due; on-hold, completed and revoked pathways never are).
describe('MDT review due (DOMAIN-RULES.md "Reviews, letters, tasks")', () => {
  it.each<[string, Partial<CaseFacts>, string, Pick<DueCase, 'dueOn' | 'reasons' | 'urgent'> | null]>([
    [
      '12 weeks after activation: activated 5 Jan, due 30 Mar, listed by 30 Mar',
      {},
      '2026-03-30',
      { dueOn: '2026-03-30', reasons: ['scheduled-review'], urgent: false },
    ],
    ['12 weeks after activation: not yet due the day before', {}, '2026-03-29', null],
    [
      '12 weeks after activation: still due (overdue) long after',
      {},
      '2026-06-01',
      { dueOn: '2026-03-30', reasons: ['scheduled-review'], urgent: false },
    ],
    [
      '12 weeks after each review: reviewed 1 Apr, next due 24 Jun',
      { lastReviewedOn: '2026-04-01' },
      '2026-06-24',
      { dueOn: '2026-06-24', reasons: ['scheduled-review'], urgent: false },
    ],
    ['12 weeks after each review: a review resets the 12 weeks from activation', { lastReviewedOn: '2026-04-01' }, '2026-06-23', null],
    [
      'sooner when flagged: flagged 2 Feb, due at once and urgent',
      { flaggedOn: '2026-02-02' },
      '2026-02-10',
      { dueOn: '2026-02-02', reasons: ['flagged'], urgent: true },
    ],
    ['a flag raised after the "by" date does not make the case due by then', { flaggedOn: '2026-02-20' }, '2026-02-10', null],
    [
      'sooner when a DNA-review task is open: due from the day it was raised, not urgent',
      { openDnaTasksRaisedOn: ['2026-02-03', '2026-02-01'] },
      '2026-02-10',
      { dueOn: '2026-02-01', reasons: ['dna-review-task'], urgent: false },
    ],
    [
      'an open DNA-review task already discussed at the latest review does not make the case due again',
      { lastReviewedOn: '2026-02-05', openDnaTasksRaisedOn: ['2026-02-01'] },
      '2026-02-10',
      null,
    ],
    [
      'an urgent PHQ-9 (item 9) task open: due and urgent',
      { openPhq9TasksRaisedOn: ['2026-02-04'] },
      '2026-02-10',
      { dueOn: '2026-02-04', reasons: ['phq9-urgent-task'], urgent: true },
    ],
    [
      'every reason is listed; the case is due from the earliest of them',
      { flaggedOn: '2026-03-31', openDnaTasksRaisedOn: ['2026-03-20'], openPhq9TasksRaisedOn: ['2026-04-02'] },
      '2026-04-03',
      { dueOn: '2026-03-20', reasons: ['scheduled-review', 'flagged', 'dna-review-task', 'phq9-urgent-task'], urgent: true },
    ],
    ['on hold: never due, whatever else applies', { pathwayStatus: 'on-hold', flaggedOn: '2026-02-02' }, '2026-06-01', null],
    ['completed: never due', { pathwayStatus: 'completed', openPhq9TasksRaisedOn: ['2026-02-04'] }, '2026-06-01', null],
    ['revoked: never due', { pathwayStatus: 'revoked' }, '2026-06-01', null],
    ['draft: never activated, never due', { pathwayStatus: 'draft', activatedOn: null }, '2026-06-01', null],
    ['entered in error: never due', { pathwayStatus: 'entered-in-error' }, '2026-06-01', null],
  ])('%s', (_name, facts, by, expected) => {
    expect(dueCase({ ...active, ...facts }, by)).toEqual(expected);
  });

  it('the next review is 12 weeks after the meeting that decided', () => {
    expect(nextReviewAfterMeeting('2026-04-01')).toBe('2026-06-24');
    expect(scheduledReviewOn('2026-01-05', '2026-04-01')).toBe(nextReviewAfterMeeting('2026-04-01'));
  });

  it('a pathway never activated has no scheduled review', () => {
    expect(scheduledReviewOn(null, null)).toBeNull();
  });
});

describe('MDT case-list order (issue 9: urgent first, then most overdue)', () => {
  const c = (pathwayId: string, dueOn: string, urgent: boolean) => ({ pathwayId, dueOn, urgent, reasons: [] });
  it('puts urgent cases first, then the earliest due, then a stable id order', () => {
    const cases = [c('b', '2026-01-01', false), c('c', '2026-03-01', true), c('a', '2026-01-01', false), c('d', '2026-02-01', true)];
    expect(cases.sort(compareDueCases).map((x) => x.pathwayId)).toEqual(['d', 'c', 'a', 'b']);
  });
});

describe('ISO week of a day (one MDT reminder per clinician per week)', () => {
  it.each([
    ['2026-04-06', '2026-W15'],
    ['2026-04-12', '2026-W15'],
    ['2026-04-13', '2026-W16'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });
});
