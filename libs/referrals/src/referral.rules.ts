/**
 * Referral status machine (DOMAIN-RULES.md "Status machines") and intake rules.
 * Pure functions, no I/O.
 */
import { InvalidTransition } from '@carepath/common';

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
