/**
 * GP letters as pure rules (DOMAIN-RULES.md "Status machines" — Letter, and "Reviews, letters, tasks"). No I/O.
 */
import { addDays, daysBetween, InvalidTransition, IsoDate } from '@carepath/common';
import { LetterError, LetterErrorCode } from './letters.errors';

export const LETTER_KINDS = ['referral-acknowledgement', 'triage-outcome', 'post-assessment', 'mdt-progress', 'discharge-summary'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_STATUSES = ['draft', 'approved', 'queued', 'delivered', 'acknowledged', 'failed', 'withdrawn'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

export const LETTER_TRANSITIONS: Record<LetterStatus, readonly LetterStatus[]> = {
  draft: ['approved', 'withdrawn'],
  approved: ['queued'],
  queued: ['delivered', 'failed'],
  failed: ['queued'],
  delivered: ['acknowledged'],
  acknowledged: [],
  withdrawn: [],
};

export function canTransition(from: LetterStatus, to: LetterStatus): boolean {
  return LETTER_TRANSITIONS[from].includes(to);
}

/** Any step not in the machine is a 409 naming the current and requested status. */
export function assertTransition(from: LetterStatus, to: LetterStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransition('Letter', from, to);
}

/** The narrative is the clinician's only while the letter is a draft: what was approved is what is delivered. */
export function assertEditable(status: LetterStatus): void {
  if (status !== 'draft') {
    throw new LetterError(LetterErrorCode.NotADraft, `Only a draft letter can be edited; this one is ${status}`, { current: status });
  }
}

/** The headings the clinician writes, with their length limits (a GP letter should fit on a page or two). */
export const NARRATIVE_LIMITS = {
  attendanceDetails: 1000,
  clinicalSummary: 4000,
  diagnoses: 2000,
  actionsForGp: 2000,
  actionsForPatient: 2000,
  informationGiven: 2000,
} as const;
export type NarrativeHeading = keyof typeof NARRATIVE_LIMITS;

/** A letter goes to the patient's registered practice; without one there is nobody to write to (422). */
export function assertHasPractice<T>(practice: T | null | undefined): T {
  if (!practice) throw new LetterError(LetterErrorCode.NoGpPractice, 'The patient has no registered GP practice to write to');
  return practice;
}

/** The service's standard: a letter within 10 days of an attended assessment or an MDT decision. */
export const LETTER_DUE_DAYS = 10;

export type DueReason = 'assessment-attended' | 'mdt-decision';

export interface LetterTrigger {
  reason: DueReason;
  /** The London date of the assessment or decision. */
  on: IsoDate;
  /** What the trigger is (an appointment or a decision id), to raise one task per trigger. */
  sourceId: string;
}

export interface LetterDue extends LetterTrigger {
  dueOn: IsoDate;
  overdue: boolean;
  daysOverdue: number;
}

/**
 * A trigger is answered by any letter approved on or after its date; an unanswered one is due 10 days later and
 * overdue from the day after that.
 */
export function lettersDue(triggers: readonly LetterTrigger[], approvedOn: readonly IsoDate[], today: IsoDate): LetterDue[] {
  return triggers
    .filter((t) => !approvedOn.some((a) => a >= t.on))
    .map((t) => {
      const dueOn = addDays(t.on, LETTER_DUE_DAYS);
      const daysOverdue = Math.max(0, daysBetween(dueOn, today));
      return { ...t, dueOn, overdue: daysOverdue > 0, daysOverdue };
    })
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

/** Accessible Information Standard: what the patient's own copy needs. */
export type PatientCopy = 'standard' | 'large-print' | 'alternative-format-task' | 'none';

const ALTERNATIVE_FORMATS = ['easy-read', 'braille', 'audio'];

/**
 * Large print is rendered here; easy read, braille, audio and BSL need a person to produce them, so an admin gets a
 * task. Email is out of scope: patient data never goes in an email, so nothing is sent.
 */
export function patientCopyFor(format: string, support: readonly string[]): PatientCopy {
  if (format === 'email') return 'none';
  if (ALTERNATIVE_FORMATS.includes(format) || support.includes('bsl-interpreter')) return 'alternative-format-task';
  if (format === 'large-print') return 'large-print';
  return 'standard';
}

/** Median and 90th percentile (nearest rank), or null for no values. */
export function percentiles(values: readonly number[]): { median: number | null; p90: number | null } {
  if (values.length === 0) return { median: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
  return { median: rank(0.5), p90: rank(0.9) };
}
