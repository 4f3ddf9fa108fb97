/**
 * Referral status machine (DOMAIN-RULES.md "Status machines"), intake rules and
 * every precondition of a referral change. Pure functions, no I/O.
 */
import { FieldError, InvalidTransition, ValidationFailed } from '@carepath/common';
import { ClockEvent, ClockPeriod, IsoDate } from './referral-clock.rules';
import { ReferralError, ReferralErrorCode } from './referrals.errors';

export const REFERRAL_STATUSES = [
  'received',
  'info-requested',
  'triaged-accepted',
  'rejected',
  'redirected',
  'waiting',
  'in-treatment',
  'discharged',
  'entered-in-error',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const PRIORITIES = ['routine', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, routine: 1 };

/** API.md "Codes": the therapies a patient can be triaged to (the assessment list is separate). */
export const THERAPY_MODALITIES = [
  'physiotherapy',
  'psychology',
  'alexander-technique',
  'tai-chi',
  'acupuncture',
  'pain-management-programme',
  'tens',
  'medication-review',
  'occupational-therapy',
  'specialist-nurse',
] as const;
export type TherapyModality = (typeof THERAPY_MODALITIES)[number];
export const WAITING_LISTS = ['assessment', ...THERAPY_MODALITIES] as const;
export type WaitingListName = (typeof WAITING_LISTS)[number];

export const RED_FLAGS = [
  'caudaEquinaSymptoms',
  'unexplainedWeightLoss',
  'feverOrInfection',
  'historyOfCancer',
  'significantTrauma',
  'progressiveNeurologicalDeficit',
] as const;
export type RedFlag = (typeof RED_FLAGS)[number];

const OPEN: readonly ReferralStatus[] = ['received', 'info-requested', 'triaged-accepted', 'waiting', 'in-treatment'];

/** Allowed next statuses. Any open state may also be discharged or entered in error. */
export const REFERRAL_TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  received: ['triaged-accepted', 'rejected', 'redirected', 'info-requested', 'discharged', 'entered-in-error'],
  'info-requested': ['received', 'discharged', 'entered-in-error'],
  'triaged-accepted': ['waiting', 'discharged', 'entered-in-error'],
  waiting: ['in-treatment', 'discharged', 'entered-in-error'],
  'in-treatment': ['discharged', 'entered-in-error'],
  rejected: [],
  redirected: [],
  discharged: [],
  'entered-in-error': [],
};

export function isOpen(status: ReferralStatus): boolean {
  return OPEN.includes(status);
}

export function canTransition(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_TRANSITIONS[from].includes(to);
}

/** Throws a 409 naming the current and requested status when the step is not in the machine. */
export function assertTransition(from: ReferralStatus, to: ReferralStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransition('Referral', from, to);
}

export const TRIAGE_OUTCOMES = ['accept', 'reject', 'redirect', 'request-info'] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

export const TRIAGE_TARGET: Record<TriageOutcome, ReferralStatus> = {
  accept: 'triaged-accepted',
  reject: 'rejected',
  redirect: 'redirected',
  'request-info': 'info-requested',
};

/** The lists a referral waits on in its status: the assessment list until assessed, then each triaged therapy. */
export function waitingListsFor(status: ReferralStatus, modalities: readonly TherapyModality[]): WaitingListName[] {
  if (status === 'triaged-accepted') return ['assessment', ...modalities];
  if (status === 'waiting') return [...modalities];
  return [];
}

export function hasPositiveRedFlag(redFlags: Partial<Record<RedFlag, boolean>>): boolean {
  return Object.values(redFlags).some((answer) => answer === true);
}

/** Accepted at triage and not yet treated: the referral can be booked, given a care pathway, or start treatment. */
export function isAcceptedOrWaiting(status: ReferralStatus): boolean {
  return status === 'triaged-accepted' || status === 'waiting';
}

/** Refuses the step with a 409 naming the current status and the action, unless the referral is open. */
function assertOpen(status: ReferralStatus, action: string): void {
  if (!isOpen(status)) throw new InvalidTransition('Referral', status, action);
}

export function assertReceivedOn(receivedOn: IsoDate | undefined, today: IsoDate): void {
  if (receivedOn && receivedOn > today) {
    throw new ReferralError(ReferralErrorCode.ReceivedDateInFuture, 'receivedOn cannot be in the future', { field: 'receivedOn' });
  }
}

export interface TriageDecision {
  outcome: TriageOutcome;
  modalities?: readonly TherapyModality[];
  reason?: string;
  destination?: string;
}

/** Accepting names the therapies; rejecting and redirecting say why; redirecting says where to. A 400 names every missing field. */
export function assertTriageComplete(decision: TriageDecision): void {
  const missing: FieldError[] = [];
  if (decision.outcome === 'accept' && !decision.modalities?.length) {
    missing.push({ field: 'modalities', messages: ['modalities are required to accept'] });
  }
  if ((decision.outcome === 'reject' || decision.outcome === 'redirect') && !decision.reason) {
    missing.push({ field: 'reason', messages: [`reason is required to ${decision.outcome}`] });
  }
  if (decision.outcome === 'redirect' && !decision.destination) {
    missing.push({ field: 'destination', messages: ['destination is required to redirect'] });
  }
  if (missing.length) throw new ValidationFailed(missing);
}

/** RTT: rejecting or redirecting at triage stops the clock as a non-treatment stop; the other outcomes leave it running. */
export function triageClockEvent(outcome: TriageOutcome, today: IsoDate): ClockEvent | undefined {
  if (outcome === 'reject') return { type: 'non-treatment-stop', on: today, reason: 'rejected' };
  if (outcome === 'redirect') return { type: 'non-treatment-stop', on: today, reason: 'redirected' };
  return undefined;
}

/** RTT: starting active monitoring is a non-treatment stop, so the clock must be running on an open referral. */
export function activeMonitoringStop(status: ReferralStatus, periods: readonly ClockPeriod[], today: IsoDate): ClockEvent {
  assertOpen(status, 'active-monitoring');
  const last = periods[periods.length - 1];
  if (!last || last.stoppedOn !== null) {
    throw new ReferralError(ReferralErrorCode.ClockNotRunning, 'Active monitoring starts only while the clock is running');
  }
  return { type: 'non-treatment-stop', on: today, reason: 'active-monitoring' };
}

/** RTT: a decision to treat starts a new clock only after active monitoring stopped the last one. */
export function decisionToTreatStart(status: ReferralStatus, periods: readonly ClockPeriod[], today: IsoDate): ClockEvent {
  assertOpen(status, 'decision-to-treat');
  if (periods[periods.length - 1]?.stopReason !== 'active-monitoring') {
    throw new ReferralError(ReferralErrorCode.NotInActiveMonitoring, 'A decision to treat follows active monitoring');
  }
  return { type: 'decision-to-treat', on: today };
}

/** A patient-initiated delay ends on or after it starts. */
export function assertDelayDates(startsOn: IsoDate, endsOn: IsoDate | undefined): void {
  if (endsOn && endsOn < startsOn) {
    throw new ReferralError(ReferralErrorCode.DelayEndsBeforeItStarts, 'endsOn must be on or after startsOn', { field: 'endsOn' });
  }
}

/** Delays are recorded on open referrals only. */
export function assertTakesDelays(status: ReferralStatus): void {
  if (!isOpen(status))
    throw new ReferralError(ReferralErrorCode.ReferralClosed, `A ${status} referral takes no delays`, { current: status });
}

export type AppointmentKind = 'assessment' | 'introductory';

/** RTT: whether an appointment was communicated decides what a first DNA does, so the record cannot be ahead of now. */
export function assertCommunicatedAt(communicatedAt: Date | null, now: Date): void {
  if (communicatedAt && communicatedAt.getTime() > now.getTime()) {
    throw new ReferralError(ReferralErrorCode.CommunicatedInFuture, 'communicatedAt cannot be in the future', { field: 'communicatedAt' });
  }
}

/** Appointments are booked for accepted referrals; the first assessment only until the patient is assessed. */
export function assertBookable(status: ReferralStatus, kind: AppointmentKind): void {
  if (!isAcceptedOrWaiting(status)) {
    throw new ReferralError(ReferralErrorCode.ReferralNotAwaitingAppointment, `A ${status} referral cannot be booked`, { current: status });
  }
  if (kind === 'assessment' && status === 'waiting') {
    throw new ReferralError(ReferralErrorCode.AlreadyAssessed, 'The patient has already been assessed');
  }
}

/** A care pathway is agreed at the assessment of an accepted referral. */
export function assertPathwayCanStart(status: ReferralStatus): void {
  if (!isAcceptedOrWaiting(status)) {
    throw new ReferralError(ReferralErrorCode.ReferralNotAccepted, `A care pathway needs an accepted referral; this one is ${status}`, {
      current: status,
    });
  }
}

/** A status the referral moves to, with the reason its history records. */
export interface StatusStep {
  to: ReferralStatus;
  reason: string | null;
}

/** A care pathway agreed at the assessment: an accepted referral counts as assessed; any other status is left alone. */
export function assessedSteps(status: ReferralStatus): StatusStep[] {
  return status === 'triaged-accepted' ? [{ to: 'waiting', reason: 'assessed: care pathway agreed' }] : [];
}

/**
 * RTT: the first attended therapy session is the first definitive treatment. An
 * accepted referral is assessed on the way; a referral not accepted-or-waiting
 * (already in treatment, or closed) takes no steps.
 */
export function treatmentSteps(status: ReferralStatus): StatusStep[] {
  if (!isAcceptedOrWaiting(status)) return [];
  return [...assessedSteps(status), { to: 'in-treatment', reason: 'first therapy session attended' }];
}

export const ATTENDANCE_OUTCOMES = ['attended', 'dna', 'cancelled-by-patient', 'cancelled-by-service'] as const;
export type AttendanceOutcome = (typeof ATTENDANCE_OUTCOMES)[number];

export interface Attendance {
  kind: AppointmentKind;
  /** The appointment's recorded outcome so far: only a booked appointment takes an attendance. */
  current: string;
  outcome: AttendanceOutcome;
  isTreatment: boolean;
  /** Europe/London date of the appointment. */
  on: IsoDate;
  startsAt: Date;
  communicatedAt: Date | null;
  isFirstAppointment: boolean;
}

/** What an attendance means for the referral: the statuses it passes through and the clock event. */
export function attendanceChange(status: ReferralStatus, a: Attendance): { steps: StatusStep[]; clock?: ClockEvent } {
  if (a.current !== 'booked') throw new InvalidTransition('Appointment', a.current, a.outcome);
  if (a.isTreatment && !(a.outcome === 'attended' && a.kind === 'assessment')) {
    throw new ReferralError(ReferralErrorCode.NotTreatment, 'Only an attended assessment can be marked as treatment', {
      field: 'isTreatment',
    });
  }
  if (a.outcome === 'dna') {
    // RTT: a first-appointment DNA nullifies the clock only if the appointment was clearly communicated before it.
    const communicated = a.communicatedAt !== null && a.communicatedAt.getTime() <= a.startsAt.getTime();
    return {
      steps: [],
      clock: a.isFirstAppointment ? { type: 'first-appointment-dna', on: a.on, communicated } : { type: 'later-dna', on: a.on },
    };
  }
  if (a.outcome === 'cancelled-by-patient' || a.outcome === 'cancelled-by-service') {
    return { steps: [], clock: { type: 'cancelled', on: a.on, by: a.outcome === 'cancelled-by-patient' ? 'patient' : 'service' } };
  }
  if (a.kind !== 'assessment' || status !== 'triaged-accepted') return { steps: [] };
  // Assessed: off the assessment list and onto the therapy lists. The assessment is not treatment unless marked so.
  const assessed: StatusStep = { to: 'waiting', reason: 'assessed' };
  if (!a.isTreatment) return { steps: [assessed] };
  return { steps: [assessed, { to: 'in-treatment', reason: 'assessment was treatment' }], clock: { type: 'treatment-started', on: a.on } };
}
