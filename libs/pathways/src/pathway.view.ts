import { EntityManager } from 'typeorm';
import { Actor } from '@carepath/auth';
import { PatientSummary } from '@carepath/patients';
import { ActivityResponse, CommunicationNeeds, PathwayChangeResponse, PathwayResponse, SessionResponse } from './dto/pathways.dto';
import { ActivityStatus, PathwayStatus, sessionCounters, SessionOutcome } from './pathway.rules';

export interface PathwayRow {
  id: string;
  referral_id: string;
  service_id: string;
  patient_id: string;
  goals: string[];
  status: PathwayStatus;
  version: number;
}

export interface ActivityRow {
  id: string;
  pathway_id: string;
  modality: string;
  planned_sessions: number;
  lead_clinician_id: string;
  status: ActivityStatus;
  version: number;
}

export interface SessionRow {
  id: string;
  activity_id: string;
  starts_at: Date;
  location: string | null;
  outcome: SessionOutcome | 'booked';
  note: string | null;
  version: number;
}

export const PATHWAY_SELECT = `SELECT cp.id, cp.referral_id, cp.service_id, cp.patient_id, cp.goals, cp.status, cp.version FROM care_pathway cp`;

export function needsOf(
  patient: Pick<PatientSummary, 'interpreterLanguage' | 'communicationFormat' | 'communicationSupport'>,
): CommunicationNeeds {
  return {
    interpreterNeeded: patient.interpreterLanguage !== null,
    interpreterLanguage: patient.interpreterLanguage,
    format: patient.communicationFormat,
    support: patient.communicationSupport,
  };
}

/** Session notes are clinical: only clinicians see them. */
export function canSeeNotes(actor: Actor): boolean {
  return actor.role === 'clinician';
}

export function toSessionResponse(s: SessionRow, needs: CommunicationNeeds, withNote: boolean): SessionResponse {
  return {
    id: s.id,
    activityId: s.activity_id,
    startsAt: s.starts_at.toISOString(),
    location: s.location,
    outcome: s.outcome,
    ...(withNote ? { note: s.note } : {}),
    version: s.version,
    communicationNeeds: needs,
  };
}

/** The whole pathway in five queries, however many activities and sessions it has, shown with the patient's communication needs (from libs/patients). */
export async function loadPathwayView(
  manager: EntityManager,
  pathway: PathwayRow,
  actor: Actor,
  needs: CommunicationNeeds,
  names: (userIds: string[]) => Promise<Map<string, string>>,
): Promise<PathwayResponse> {
  const [activities, sessions, changes]: [ActivityRow[], SessionRow[], Record<string, unknown>[]] = [
    await manager.query(
      'SELECT id, pathway_id, modality, planned_sessions, lead_clinician_id, status, version FROM pathway_activity WHERE pathway_id = $1 ORDER BY seq',
      [pathway.id],
    ),
    await manager.query(
      'SELECT id, activity_id, starts_at, location, outcome, note, version FROM therapy_session WHERE pathway_id = $1 ORDER BY starts_at, id',
      [pathway.id],
    ),
    await manager.query(
      'SELECT kind, activity_id, from_value, to_value, reason, actor_user_id, changed_at FROM pathway_change WHERE pathway_id = $1 ORDER BY seq',
      [pathway.id],
    ),
  ];
  const people = await names([
    ...new Set([...activities.map((a) => a.lead_clinician_id), ...changes.map((c) => c.actor_user_id as string)]),
  ]);
  const withNote = canSeeNotes(actor);
  const byActivity = new Map<string, SessionRow[]>();
  for (const s of sessions) byActivity.set(s.activity_id, [...(byActivity.get(s.activity_id) ?? []), s]);
  return {
    id: pathway.id,
    referralId: pathway.referral_id,
    patientId: pathway.patient_id,
    goals: pathway.goals,
    status: pathway.status,
    version: pathway.version,
    communicationNeeds: needs,
    activities: activities.map((a): ActivityResponse => {
      const own = byActivity.get(a.id) ?? [];
      return {
        id: a.id,
        modality: a.modality,
        plannedSessions: a.planned_sessions,
        leadClinicianId: a.lead_clinician_id,
        leadClinicianName: people.get(a.lead_clinician_id) ?? null,
        status: a.status,
        version: a.version,
        counters: sessionCounters(
          a.planned_sessions,
          own.map((s) => s.outcome),
        ),
        sessions: own.map((s) => toSessionResponse(s, needs, withNote)),
      };
    }),
    history: changes.map((c): PathwayChangeResponse => ({
      kind: c.kind as string,
      activityId: c.activity_id as string | null,
      from: c.from_value as string | null,
      to: c.to_value as string | null,
      reason: c.reason as string | null,
      actorUserId: c.actor_user_id as string,
      actorName: people.get(c.actor_user_id as string) ?? null,
      at: (c.changed_at as Date).toISOString(),
    })),
  };
}
