import { CommonErrorCode, DomainError } from '@carepath/common';
import {
  assertEditable,
  assertHasPractice,
  assertTransition,
  canTransition,
  LETTER_STATUSES,
  LetterStatus,
  LetterTrigger,
  lettersDue,
  patientCopyFor,
  percentiles,
} from './letter.rules';
import { LetterErrorCode } from './letters.errors';

// DOMAIN-RULES.md "Status machines" — Letter.
const ALLOWED: [LetterStatus, LetterStatus][] = [
  ['draft', 'approved'],
  ['approved', 'queued'],
  ['queued', 'delivered'],
  ['delivered', 'acknowledged'],
  ['queued', 'failed'],
  ['failed', 'queued'],
  ['draft', 'withdrawn'],
];
const key = ([from, to]: [LetterStatus, LetterStatus]) => `${from}->${to}`;
const allowed = new Set(ALLOWED.map(key));
const every = LETTER_STATUSES.flatMap((from) => LETTER_STATUSES.map((to) => [from, to] as [LetterStatus, LetterStatus]));

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
}

describe('letter status machine (DOMAIN-RULES.md "Status machines" — Letter)', () => {
  it.each(every.filter((pair) => allowed.has(key(pair))))('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(every.filter((pair) => !allowed.has(key(pair))))('refuses %s -> %s with a 409 naming both', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    const error = errorOf(() => assertTransition(from, to));
    expect(error.statusCode).toBe(409);
    expect(error.code).toBe(CommonErrorCode.InvalidTransition);
    expect(error.details).toEqual({ current: from, requested: to });
  });

  it.each(LETTER_STATUSES.filter((s) => s !== 'draft'))(
    'refuses to edit a %s letter (409): what was approved is what is delivered',
    (status) => {
      const error = errorOf(() => assertEditable(status));
      expect([error.statusCode, error.code]).toEqual([409, LetterErrorCode.NotADraft]);
    },
  );

  it('lets a draft be edited', () => {
    expect(() => assertEditable('draft')).not.toThrow();
  });
});

const assessment = (on: string, sourceId = 'a1'): LetterTrigger => ({ reason: 'assessment-attended', on, sourceId });
const mdt = (on: string, sourceId = 'm1'): LetterTrigger => ({ reason: 'mdt-decision', on, sourceId });

describe('letters due (DOMAIN-RULES.md "Reviews, letters, tasks": within 10 days of an attended assessment or MDT decision)', () => {
  it.each([
    [
      'assessment 1 March, nothing approved, today 11 March: due today, not yet overdue',
      [assessment('2026-03-01')],
      [],
      '2026-03-11',
      [['2026-03-11', false, 0]],
    ],
    [
      'assessment 1 March, nothing approved, today 12 March: 1 day overdue',
      [assessment('2026-03-01')],
      [],
      '2026-03-12',
      [['2026-03-11', true, 1]],
    ],
    ['assessment 1 March, letter approved 5 March: answered', [assessment('2026-03-01')], ['2026-03-05'], '2026-03-20', []],
    ['assessment 1 March, letter approved the same day: answered', [assessment('2026-03-01')], ['2026-03-01'], '2026-03-20', []],
    [
      'letter approved 28 Feb, before the assessment of 1 March: not answered',
      [assessment('2026-03-01')],
      ['2026-02-28'],
      '2026-03-20',
      [['2026-03-11', true, 9]],
    ],
    [
      'MDT decision 10 March after a letter of 5 March: the decision needs its own letter',
      [assessment('2026-03-01'), mdt('2026-03-10')],
      ['2026-03-05'],
      '2026-03-25',
      [['2026-03-20', true, 5]],
    ],
    [
      'two unanswered triggers, soonest due first',
      [mdt('2026-03-10'), assessment('2026-03-01')],
      [],
      '2026-03-02',
      [
        ['2026-03-11', false, 0],
        ['2026-03-20', false, 0],
      ],
    ],
    ['due date across the month end (25 Feb + 10 days = 7 March)', [assessment('2026-02-25')], [], '2026-03-08', [['2026-03-07', true, 1]]],
  ] as [string, LetterTrigger[], string[], string, [string, boolean, number][]][])('%s', (_name, triggers, approved, today, expected) => {
    expect(lettersDue(triggers, approved, today).map((d) => [d.dueOn, d.overdue, d.daysOverdue])).toEqual(expected);
  });
});

describe("the patient's copy (Accessible Information Standard, DCB1605)", () => {
  it.each([
    ['standard', [], 'standard'],
    ['large-print', [], 'large-print'],
    ['easy-read', [], 'alternative-format-task'],
    ['braille', [], 'alternative-format-task'],
    ['audio', [], 'alternative-format-task'],
    ['standard', ['bsl-interpreter'], 'alternative-format-task'],
    ['large-print', ['bsl-interpreter'], 'alternative-format-task'],
    ['standard', ['hearing-loop'], 'standard'],
    ['email', [], 'none'],
  ] as [string, string[], string][])('format %s with support %j → %s', (format, support, expected) => {
    expect(patientCopyFor(format, support)).toBe(expected);
  });
});

describe('letter details', () => {
  it('refuses a letter with no GP practice to send it to (422)', () => {
    const error = errorOf(() => assertHasPractice(null));
    expect([error.statusCode, error.code]).toEqual([422, LetterErrorCode.NoGpPractice]);
    expect(assertHasPractice({ id: 'p' })).toEqual({ id: 'p' });
  });

  it.each([
    [[], null, null],
    [[4], 4, 4],
    [[1, 2, 3, 4], 2, 4],
    [[10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 5, 9],
  ] as [number[], number | null, number | null][])('percentiles of %j: median %s, p90 %s (nearest rank)', (values, median, p90) => {
    expect(percentiles(values)).toEqual({ median, p90 });
  });
});
