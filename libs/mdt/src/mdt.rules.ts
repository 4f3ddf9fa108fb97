/**
 * When a care pathway is due for review at the multidisciplinary team (MDT) meeting (DOMAIN-RULES.md "Reviews,
 * letters, tasks"). Pure functions over ISO dates (YYYY-MM-DD, Europe/London), no I/O.
 */

import { addDays, IsoDate } from '@carepath/common';

/** A pathway is reviewed 12 weeks after activation and 12 weeks after each MDT review. */
export const REVIEW_INTERVAL_DAYS = 84;

export const DUE_REASONS = ['scheduled-review', 'flagged', 'dna-review-task', 'phq9-urgent-task'] as const;
export type DueReason = (typeof DUE_REASONS)[number];

export const MDT_DECISIONS = ['continue', 'change-pathway', 'discharge', 'refer-on', 'handoff-to-community'] as const;
export type MdtDecisionKind = (typeof MDT_DECISIONS)[number];

export const MEETING_STATUSES = ['planned', 'in-progress', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface CaseFacts {
  pathwayStatus: string;
  /** The day the pathway became active; null for a pathway never activated. */
  activatedOn: IsoDate | null;
  /** The meeting date of the latest MDT decision on this pathway. */
  lastReviewedOn: IsoDate | null;
  /** The day a clinician flagged the pathway for MDT, while the flag stands. */
  flaggedOn: IsoDate | null;
  /** The days open DNA-review tasks on the pathway were raised. */
  openDnaTasksRaisedOn: readonly IsoDate[];
  /** The days open urgent PHQ-9 (item 9) tasks on the pathway were raised. */
  openPhq9TasksRaisedOn: readonly IsoDate[];
}

export interface DueCase {
  /** The earliest day any reason made the case due. */
  dueOn: IsoDate;
  reasons: DueReason[];
  /** Urgent cases (a PHQ-9 item 9 task, or a clinician's flag) lead the case list. */
  urgent: boolean;
}

/** Only an active pathway is reviewed: on-hold, completed, revoked, draft and entered-in-error ones never are. */
export function reviewable(pathwayStatus: string): boolean {
  return pathwayStatus === 'active';
}

/** The next scheduled review: 12 weeks after the latest review, or after activation when there has been none. */
export function scheduledReviewOn(activatedOn: IsoDate | null, lastReviewedOn: IsoDate | null): IsoDate | null {
  const from = lastReviewedOn ?? activatedOn;
  return from ? addDays(from, REVIEW_INTERVAL_DAYS) : null;
}

/**
 * Whether the case is due by `by`, and why. A task discussed at an earlier MDT (raised on or before the latest
 * review) does not make the case due again: the discussion dealt with it, and the next scheduled review comes round.
 */
export function dueCase(facts: CaseFacts, by: IsoDate): DueCase | null {
  if (!reviewable(facts.pathwayStatus)) return null;
  const since = facts.lastReviewedOn;
  const undiscussed = (raisedOn: IsoDate) => (since === null || raisedOn > since) && raisedOn <= by;
  const found: { reason: DueReason; on: IsoDate }[] = [];
  const scheduled = scheduledReviewOn(facts.activatedOn, facts.lastReviewedOn);
  if (scheduled !== null && scheduled <= by) found.push({ reason: 'scheduled-review', on: scheduled });
  if (facts.flaggedOn !== null && facts.flaggedOn <= by) found.push({ reason: 'flagged', on: facts.flaggedOn });
  const dna = facts.openDnaTasksRaisedOn.filter(undiscussed).sort();
  if (dna.length > 0) found.push({ reason: 'dna-review-task', on: dna[0] });
  const phq9 = facts.openPhq9TasksRaisedOn.filter(undiscussed).sort();
  if (phq9.length > 0) found.push({ reason: 'phq9-urgent-task', on: phq9[0] });
  if (found.length === 0) return null;
  const reasons = found.map((f) => f.reason);
  return {
    dueOn: found.map((f) => f.on).sort()[0],
    reasons,
    urgent: reasons.includes('phq9-urgent-task') || reasons.includes('flagged'),
  };
}

/** Case-list order: urgent first, then the most overdue (earliest due day), then a stable tie-break on the id. */
export function compareDueCases(a: DueCase & { pathwayId: string }, b: DueCase & { pathwayId: string }): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
  return a.pathwayId < b.pathwayId ? -1 : a.pathwayId > b.pathwayId ? 1 : 0;
}

/** After a decision at a meeting, the next review is due 12 weeks after that meeting. */
export function nextReviewAfterMeeting(meetingOn: IsoDate): IsoDate {
  return addDays(meetingOn, REVIEW_INTERVAL_DAYS);
}

/** Lead clinicians are reminded each week of their cases due within the next 14 days. */
export const REMINDER_HORIZON_DAYS = 14;

/** The ISO 8601 week of a day, as 2026-W15: the week (Monday to Sunday) belongs to the year of its Thursday. */
export function isoWeek(date: IsoDate): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(day.getTime() + (3 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** A library acting on an MDT decision (changing the pathway, discharging, referring on, a handoff) has two weeks. */
export const FOLLOW_UP_DAYS = 14;

export function followUpDueOn(today: IsoDate): IsoDate {
  return addDays(today, FOLLOW_UP_DAYS);
}
