/**
 * The referral-to-treatment waiting-time clock (DOMAIN-RULES.md "Waiting-time
 * clock"; NHS RTT Recording and Reporting guidance v5.0, Feb 2025).
 * Pure functions over ISO dates (YYYY-MM-DD, Europe/London), no I/O.
 */

import { addDays, daysBetween, IsoDate } from '@carepath/common';

export { addDays, daysBetween } from '@carepath/common';
export type { IsoDate } from '@carepath/common';

export const BREACH_DAYS = 126; // the 18-week standard: waiting more than 126 days is a breach
export const DELAY_REVIEW_DAYS = 42; // a patient-initiated delay over 6 weeks needs a clinical review
export const ACTIVE_MONITORING_REVIEW_DAYS = 84; // active monitoring is reviewed every 12 weeks

export const NON_TREATMENT_STOPS = [
  'discharged-to-gp',
  'patient-declined',
  'decision-not-to-treat',
  'active-monitoring',
  'rejected',
  'redirected',
  'entered-in-error',
] as const;
export type NonTreatmentStop = (typeof NON_TREATMENT_STOPS)[number];
export type StopReason = 'first-treatment' | 'first-appointment-dna' | NonTreatmentStop;

export interface ClockPeriod {
  startedOn: IsoDate;
  stoppedOn: IsoDate | null;
  stopReason: StopReason | null;
  /** A first-appointment DNA (clearly communicated) means this wait counts as not having happened. */
  nullified: boolean;
}

export type ClockEvent =
  | { type: 'received'; on: IsoDate }
  | { type: 'first-appointment-dna'; on: IsoDate; communicated: boolean }
  | { type: 'rebooked'; on: IsoDate }
  | { type: 'cancelled'; on: IsoDate; by: 'patient' | 'service' }
  | { type: 'later-dna'; on: IsoDate }
  | { type: 'treatment-started'; on: IsoDate }
  | { type: 'non-treatment-stop'; on: IsoDate; reason: NonTreatmentStop }
  | { type: 'decision-to-treat'; on: IsoDate };

export type ClockState = 'running' | 'stopped' | 'nullified' | 'not-started';

export interface ClockView {
  state: ClockState;
  startedOn: IsoDate | null;
  stoppedOn: IsoDate | null;
  stopReason: StopReason | null;
  daysWaited: number;
  weekBand: string | null;
  breachOn: IsoDate | null;
  breached: boolean;
}

/** RTT week band: 0–7 days is "0-1"; then band k = ceil(days / 7) − 1 labelled "k-(k+1)"; 729 days or more is "104+". */
export function weekBand(days: number): string {
  if (days <= 7) return '0-1';
  if (days >= 729) return '104+';
  const k = Math.ceil(days / 7) - 1;
  return `${k}-${k + 1}`;
}

/** Every band of the RTT return in order, "0-1" … "103-104", "104+". */
export const WEEK_BANDS: readonly string[] = [...Array.from({ length: 104 }, (_, k) => `${k}-${k + 1}`), '104+'];

export function breachOn(startedOn: IsoDate): IsoDate {
  return addDays(startedOn, BREACH_DAYS);
}

function running(period: ClockPeriod | undefined): period is ClockPeriod {
  return period !== undefined && period.stoppedOn === null;
}

/** Applies one event; an event that does not apply in the clock's current state leaves it unchanged. */
export function applyClockEvent(periods: readonly ClockPeriod[], event: ClockEvent): ClockPeriod[] {
  const last = periods[periods.length - 1];
  const before = periods.slice(0, -1);
  const stop = (reason: StopReason, nullified = false): ClockPeriod[] => [
    ...before,
    { ...(last as ClockPeriod), stoppedOn: event.on, stopReason: reason, nullified },
  ];
  const start = (): ClockPeriod[] => [...periods, { startedOn: event.on, stoppedOn: null, stopReason: null, nullified: false }];
  switch (event.type) {
    case 'received':
      // The clock starts on the date the service receives the referral, not the letter date.
      return periods.length === 0 ? start() : [...periods];
    case 'first-appointment-dna':
      // Nullified only when the appointment was clearly communicated to the patient.
      return running(last) && event.communicated ? stop('first-appointment-dna', true) : [...periods];
    case 'rebooked':
      // After a nullified first DNA, a new clock starts on the date the appointment is rebooked.
      return last?.nullified ? start() : [...periods];
    case 'cancelled':
    case 'later-dna':
      // Cancellations and later DNAs neither stop nor pause the clock.
      return [...periods];
    case 'treatment-started':
      return running(last) ? stop('first-treatment') : [...periods];
    case 'non-treatment-stop':
      return running(last) ? stop(event.reason) : [...periods];
    case 'decision-to-treat':
      // A decision to treat after active monitoring starts a new clock.
      return last?.stopReason === 'active-monitoring' ? start() : [...periods];
  }
}

export function clockFromEvents(events: readonly ClockEvent[]): ClockPeriod[] {
  return events.reduce<ClockPeriod[]>((periods, event) => applyClockEvent(periods, event), []);
}

/** The clock as shown on a referral: the latest period, measured to its stop or to today. No pauses are subtracted. */
export function clockView(periods: readonly ClockPeriod[], today: IsoDate): ClockView {
  const last = periods[periods.length - 1];
  if (!last) {
    return {
      state: 'not-started',
      startedOn: null,
      stoppedOn: null,
      stopReason: null,
      daysWaited: 0,
      weekBand: null,
      breachOn: null,
      breached: false,
    };
  }
  if (last.nullified) {
    return {
      state: 'nullified',
      startedOn: null,
      stoppedOn: last.stoppedOn,
      stopReason: last.stopReason,
      daysWaited: 0,
      weekBand: null,
      breachOn: null,
      breached: false,
    };
  }
  const end = last.stoppedOn ?? today;
  const daysWaited = daysBetween(last.startedOn, end);
  return {
    state: last.stoppedOn ? 'stopped' : 'running',
    startedOn: last.startedOn,
    stoppedOn: last.stoppedOn,
    stopReason: last.stopReason,
    daysWaited,
    weekBand: weekBand(daysWaited),
    breachOn: breachOn(last.startedOn),
    breached: daysWaited > BREACH_DAYS,
  };
}

/** A patient-initiated delay over 6 weeks needs a clinical review; an open delay is measured to today. */
export function delayNeedsReview(startsOn: IsoDate, endsOn: IsoDate | null, today: IsoDate): boolean {
  return daysBetween(startsOn, endsOn ?? today) > DELAY_REVIEW_DAYS;
}

/** Weeks until a patient at this 1-based position is seen, at this many slots a week (null when there is no capacity). */
export function estimatedWeeksToTreatment(position: number, slotsPerWeek: number): number | null {
  if (slotsPerWeek <= 0) return null;
  return Math.ceil(position / slotsPerWeek);
}
