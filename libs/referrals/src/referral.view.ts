import { EntityManager } from 'typeorm';
import { PatientsService } from '@carepath/patients';
import { TasksService } from '@carepath/tasks';
import {
  AppointmentResponse,
  ClockPeriodResponse,
  DelayResponse,
  ReferralDetailResponse,
  ReferralResponse,
  StatusChangeResponse,
  TaskSummary,
} from './dto/referrals.dto';
import { ClockPeriod, clockView, delayNeedsReview, IsoDate } from './referral-clock.rules';
import { hasPositiveRedFlag } from './referral.rules';
import { Referral } from './referral.entity';
import { loadPeriods } from './referral.store';

export function toReferralResponse(r: Referral, periods: readonly ClockPeriod[], today: IsoDate): ReferralResponse {
  return {
    id: r.id,
    patientId: r.patientId,
    serviceId: r.serviceId,
    practiceId: r.practiceId,
    referredByUserId: r.referredByUserId,
    priority: r.priority,
    reason: r.reason,
    redFlags: r.redFlags,
    redFlagPositive: hasPositiveRedFlag(r.redFlags),
    receivedOn: r.receivedOn,
    externalReference: r.externalReference,
    status: r.status,
    modalities: r.modalities,
    introSession: r.introSession,
    redirectDestination: r.redirectDestination,
    statusReason: r.statusReason,
    version: r.version,
    clock: clockView(periods, today),
  };
}

interface AppointmentRow {
  id: string;
  referral_id: string;
  kind: string;
  starts_at: Date;
  location: string | null;
  communicated_at: Date | null;
  outcome: string;
  is_treatment: boolean;
  version: number;
}

export const APPOINTMENT_SELECT = `SELECT a.id, a.referral_id, a.kind, a.starts_at, a.location, a.communicated_at, a.outcome, a.is_treatment, a.version
    FROM referral_appointment a`;

/** The patient's interpreter language (from libs/patients), which every booking carries. */
export async function interpreterLanguageOf(manager: EntityManager, patients: PatientsService, patientId: string): Promise<string | null> {
  return (await patients.summaries(manager, [patientId])).get(patientId)?.interpreterLanguage ?? null;
}

/** Every booking carries the patient's interpreter need, so it is arranged with the appointment. */
export function toAppointmentResponse(a: AppointmentRow, interpreterLanguage: string | null): AppointmentResponse {
  return {
    id: a.id,
    referralId: a.referral_id,
    kind: a.kind,
    startsAt: a.starts_at.toISOString(),
    location: a.location,
    communicatedAt: a.communicated_at ? a.communicated_at.toISOString() : null,
    outcome: a.outcome,
    isTreatment: a.is_treatment,
    interpreterNeeded: interpreterLanguage !== null,
    interpreterLanguage,
    version: a.version,
  };
}

/** The full referral: clock and its history, appointments, delays, status history and open tasks. */
export async function loadReferralDetail(
  manager: EntityManager,
  { tasks, patients }: { tasks: TasksService; patients: PatientsService },
  referral: Referral,
  today: IsoDate,
  knownPeriods?: readonly ClockPeriod[],
): Promise<ReferralDetailResponse> {
  const periods = knownPeriods ?? (await loadPeriods(manager, referral.id));
  const appointments: AppointmentRow[] = await manager.query(`${APPOINTMENT_SELECT} WHERE a.referral_id = $1 ORDER BY a.created_at, a.id`, [
    referral.id,
  ]);
  const interpreterLanguage = appointments.length ? await interpreterLanguageOf(manager, patients, referral.patientId) : null;
  const delays: { id: string; starts_on: string; ends_on: string | null; reason: string; declined_offer: boolean }[] = await manager.query(
    'SELECT id, starts_on, ends_on, reason, declined_offer FROM patient_delay WHERE referral_id = $1 ORDER BY starts_on, id',
    [referral.id],
  );
  const history: { from_status: string | null; to_status: string; actor_user_id: string; reason: string | null; changed_at: Date }[] =
    await manager.query(
      'SELECT from_status, to_status, actor_user_id, reason, changed_at FROM referral_status_change WHERE referral_id = $1 ORDER BY seq',
      [referral.id],
    );
  const openTasks: TaskSummary[] = await tasks.openForReferral(manager, referral.id);
  return {
    ...toReferralResponse(referral, periods, today),
    clockHistory: periods.map((p): ClockPeriodResponse => ({
      startedOn: p.startedOn,
      stoppedOn: p.stoppedOn,
      stopReason: p.stopReason,
      nullified: p.nullified,
    })),
    appointments: appointments.map((a) => toAppointmentResponse(a, interpreterLanguage)),
    delays: delays.map((d): DelayResponse => ({
      id: d.id,
      startsOn: d.starts_on,
      endsOn: d.ends_on,
      reason: d.reason,
      declinedOffer: d.declined_offer,
      needsReview: delayNeedsReview(d.starts_on, d.ends_on, today),
    })),
    statusHistory: history.map((h): StatusChangeResponse => ({
      from: h.from_status,
      to: h.to_status,
      actorUserId: h.actor_user_id,
      reason: h.reason,
      at: h.changed_at.toISOString(),
    })),
    openTasks,
  };
}
