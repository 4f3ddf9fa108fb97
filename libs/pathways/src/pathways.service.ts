import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, Forbidden, londonDate, StaleVersion } from '@carepath/common';
import { Action, Actor, asSubject, ListScope, UsersService } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { execute, writeOutbox } from '@carepath/database';
import { PatientsService, PatientSummary } from '@carepath/patients';
import { assertPathwayCanStart, ReferralError, ReferralErrorCode, ReferralsService } from '@carepath/referrals';
import type { MdtPathwaySource, PathwayProgress, PathwayReviewFacts } from '@carepath/mdt';
import { TasksService } from '@carepath/tasks';
import {
  AddActivityRequest,
  BookSessionRequest,
  ClinicianChoice,
  CommunicationNeeds,
  CreatePathwayRequest,
  PathwayResponse,
  PathwayStatusRequest,
  SessionAttendanceRequest,
  SessionResponse,
  UpdateActivityRequest,
} from './dto/pathways.dto';
import { comparableValue } from './outcome-measures.rules';
import {
  activityOpen,
  ActivityStatus,
  assertActivityTransition,
  assertPathwayTransition,
  PathwayStatus,
  sessionCounters,
} from './pathway.rules';
import { recordChange } from './pathway.store';
import {
  ActivityRow,
  canSeeNotes,
  loadPathwayView,
  needsOf,
  PATHWAY_SELECT,
  PathwayRow,
  SessionRow,
  toSessionResponse,
} from './pathway.view';
import { PathwayError, PathwayErrorCode } from './pathways.errors';
import { PATHWAY_AGREED } from './pathways.events';

interface ReviewFactsRow {
  id: string;
  service_id: string;
  patient_id: string;
  referral_id: string;
  status: string;
  activated_on: string | null;
  lead_ids: string[];
}

/** The MDT's view of a pathway: when it first became active (a London day) and its current activities' leads. */
const REVIEW_FACTS_SELECT = `SELECT cp.id, cp.service_id, cp.patient_id, cp.referral_id, cp.status,
        (SELECT (min(pc.changed_at) AT TIME ZONE 'Europe/London')::date::text FROM pathway_change pc
          WHERE pc.pathway_id = cp.id AND pc.kind IN ('created', 'status') AND pc.to_value = 'active') AS activated_on,
        ARRAY(SELECT a.lead_clinician_id FROM pathway_activity a
               WHERE a.pathway_id = cp.id AND a.status NOT IN ('cancelled', 'stopped') ORDER BY a.seq) AS lead_ids
   FROM care_pathway cp`;

const MDT_MEASURES = ['PHQ9', 'GAD7', 'PSEQ', 'NRS'] as const;

function toReviewFacts(r: ReviewFactsRow): PathwayReviewFacts {
  return {
    id: r.id,
    serviceId: r.service_id,
    patientId: r.patient_id,
    referralId: r.referral_id,
    status: r.status,
    activatedOn: r.activated_on,
    leadClinicianIds: [...new Set(r.lead_ids)],
  };
}

/** Care pathways agreed at assessment, their activities and therapy sessions. */
/** A referral's care pathway as a letter reports it: goals, activities with sessions attended, first and last scores. */
export interface PathwaySummary {
  id: string;
  status: string;
  goals: string[];
  activities: { modality: string; plannedSessions: number; sessionsAttended: number }[];
  /** Per measure, the first (baseline) and the last total recorded on the pathway. */
  outcomes: { measure: string; baseline: number | null; last: number | null }[];
}

/** A care pathway in a list of a patient's pathways. */
export interface PathwayListItem {
  id: string;
  referralId: string;
  status: PathwayStatus;
  goals: string[];
}

@Injectable()
export class PathwaysService implements MdtPathwaySource {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralsService,
    private readonly patients: PatientsService,
    private readonly users: UsersService,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Loads a pathway the actor may act on, or answers 404 after auditing the refused attempt. */
  async loadInScope(
    manager: EntityManager,
    actor: Actor,
    action: Action,
    id: string,
    auditAction: string,
    options: { lock?: boolean; notFound?: () => PathwayError } = {},
  ): Promise<PathwayRow> {
    const lock = options.lock ?? false;
    const [pathway]: PathwayRow[] = await manager.query(`${PATHWAY_SELECT} WHERE cp.id = $1${lock ? ' FOR UPDATE OF cp' : ''}`, [id]);
    return this.audit.inScope(actor, pathway, {
      action,
      subject: 'Pathway',
      fields: (p) => ({ serviceId: p.service_id }),
      refusal: (p) => ({ entityType: 'Pathway', entityId: id, patientId: p?.patient_id ?? null, action: auditAction }),
      notFound: options.notFound ?? (() => new PathwayError(PathwayErrorCode.PathwayNotFound, 'Pathway not found')),
    });
  }

  /** For the MDT: a service's active pathways (the only ones ever due for review), or these pathways. */
  async reviewFacts(manager: EntityManager, filter: { activeInService: string } | { ids: string[] }): Promise<PathwayReviewFacts[]> {
    const rows: ReviewFactsRow[] =
      'ids' in filter
        ? await manager.query(`${REVIEW_FACTS_SELECT} WHERE cp.id = ANY($1)`, [filter.ids])
        : await manager.query(`${REVIEW_FACTS_SELECT} WHERE cp.service_id = $1 AND cp.status = 'active'`, [filter.activeInService]);
    return rows.map(toReviewFacts);
  }

  async servicesWithActivePathways(manager: EntityManager): Promise<string[]> {
    const rows: { service_id: string }[] = await manager.query(`SELECT DISTINCT service_id FROM care_pathway WHERE status = 'active'`);
    return rows.map((r) => r.service_id);
  }

  async reviewFactsInScope(manager: EntityManager, actor: Actor, id: string, auditAction: string): Promise<PathwayReviewFacts> {
    await this.loadInScope(manager, actor, 'read', id, auditAction);
    const [facts] = await this.reviewFacts(manager, { ids: [id] });
    return facts;
  }

  /** For the MDT: session counters over all activities and, per measure, the first baseline against the latest score. */
  async progress(manager: EntityManager, ids: string[]): Promise<Map<string, PathwayProgress>> {
    const [activities, sessions, measures]: [
      { pathway_id: string; planned_sessions: number }[],
      { pathway_id: string; outcome: SessionRow['outcome'] }[],
      {
        pathway_id: string;
        measure: (typeof MDT_MEASURES)[number];
        timepoint: string;
        total: number | null;
        vas: number | null;
        recorded_on: string;
      }[],
    ] = [
      await manager.query(
        `SELECT pathway_id, planned_sessions FROM pathway_activity WHERE pathway_id = ANY($1) AND status NOT IN ('cancelled', 'stopped')`,
        [ids],
      ),
      await manager.query('SELECT pathway_id, outcome FROM therapy_session WHERE pathway_id = ANY($1)', [ids]),
      await manager.query(
        `SELECT pathway_id, measure, timepoint, total, vas, (recorded_at AT TIME ZONE 'Europe/London')::date::text AS recorded_on
           FROM outcome_measure WHERE pathway_id = ANY($1) AND measure = ANY($2) ORDER BY recorded_at, id`,
        [ids, MDT_MEASURES],
      ),
    ];
    const result = new Map<string, PathwayProgress>();
    for (const id of ids) {
      const planned = activities.filter((a) => a.pathway_id === id).reduce((sum, a) => sum + a.planned_sessions, 0);
      const own = measures.filter((m) => m.pathway_id === id);
      result.set(id, {
        sessions: sessionCounters(
          planned,
          sessions.filter((s) => s.pathway_id === id).map((s) => s.outcome),
        ),
        scores: MDT_MEASURES.map((measure) => {
          const scored = own.filter((m) => m.measure === measure);
          const baseline = scored.find((m) => m.timepoint === 'baseline');
          const latest = scored[scored.length - 1];
          return {
            measure,
            baseline: baseline ? comparableValue(measure, { total: baseline.total, vas: baseline.vas, band: null, profile: null }) : null,
            latest: latest ? comparableValue(measure, { total: latest.total, vas: latest.vas, band: null, profile: null }) : null,
            latestOn: latest?.recorded_on ?? null,
          };
        }),
      });
    }
    return result;
  }

  /** Who may lead an activity on the actor's service's pathways: its active clinicians, by name (the choices a form offers). */
  async leadClinicianChoices(actor: Actor): Promise<ClinicianChoice[]> {
    if (!actor.ability.can('update', asSubject('Pathway', { serviceId: actor.organisationId }))) throw new Forbidden();
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.users.activeUserIds(manager, actor.organisationId, 'clinician');
      const profiles = await this.users.profiles(manager, ids);
      return [...profiles]
        .map(([id, p]) => ({ id, name: p.name, discipline: p.discipline }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    });
  }

  /** Agreed at the assessment of an accepted referral: goals in the patient's words and one or more activities. */
  async create(actor: Actor, referralId: string, body: CreatePathwayRequest): Promise<PathwayResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.audit.inScope(
        actor,
        await this.referrals.loadInScope(manager, actor, 'read', referralId, 'create-pathway'),
        {
          action: 'create',
          subject: 'Pathway',
          fields: (r) => ({ serviceId: r.serviceId }),
          refusal: (r) => ({ entityType: 'Pathway', entityId: null, patientId: r?.patientId ?? null, action: 'create' }),
          notFound: () => new ReferralError(ReferralErrorCode.ReferralNotFound, 'Referral not found'),
        },
      );
      assertPathwayCanStart(referral.status);
      const [existing] = await manager.query('SELECT id FROM care_pathway WHERE referral_id = $1', [referralId]);
      if (existing)
        throw new PathwayError(PathwayErrorCode.PathwayExists, 'This referral already has a care pathway', { pathwayId: existing.id });
      await this.checkLeadClinicians(
        manager,
        referral.serviceId,
        body.activities.map((a) => a.leadClinicianId),
      );
      const status = body.status ?? 'active';
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO care_pathway (referral_id, service_id, patient_id, goals, status, created_by_user_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
        [referralId, referral.serviceId, referral.patientId, body.goals.map((g) => g.trim()), status, actor.userId, now],
      );
      await recordChange(manager, { pathwayId: id, kind: 'created', to: status, actorUserId: actor.userId, at: now });
      for (const activity of body.activities) {
        await this.insertActivity(
          manager,
          id,
          activity.modality,
          activity.plannedSessions,
          activity.leadClinicianId,
          actor,
          now,
          'agreed at assessment',
        );
      }
      await this.referrals.markAssessed(manager, actor, referralId);
      await writeOutbox(manager, PATHWAY_AGREED, { pathwayId: id, referralId });
      await this.audit.allowed(manager, actor, { entityType: 'Pathway', entityId: id, patientId: referral.patientId, action: 'create' });
      const [pathway]: PathwayRow[] = await manager.query(`${PATHWAY_SELECT} WHERE cp.id = $1`, [id]);
      return this.view(manager, pathway, actor);
    });
  }

  async get(actor: Actor, id: string): Promise<PathwayResponse> {
    return this.dataSource.transaction(async (manager) => {
      const pathway = await this.loadInScope(manager, actor, 'read', id, 'read');
      await this.audit.allowed(manager, actor, { entityType: 'Pathway', entityId: id, patientId: pathway.patient_id, action: 'read' });
      return this.view(manager, pathway, actor);
    });
  }

  /** A patient's care pathways the actor may see (one per referral), oldest first: what a patient's page lists. */
  async listForPatient(actor: Actor, patientId: string): Promise<PathwayListItem[]> {
    const scope = ListScope.of(actor.ability, 'read', 'Pathway', { serviceId: 'cp.service_id' }).and('cp.patient_id = ?', patientId);
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; referral_id: string; status: PathwayStatus; goals: string[] }[] = await manager.query(
        `SELECT cp.id, cp.referral_id, cp.status, cp.goals FROM care_pathway cp WHERE ${scope.where} ORDER BY cp.created_at, cp.id`,
        scope.params,
      );
      await this.audit.allowedMany(
        manager,
        actor,
        rows.map((r) => ({ entityType: 'Pathway', entityId: r.id, patientId, action: 'list' })),
      );
      return rows.map((r) => ({ id: r.id, referralId: r.referral_id, status: r.status, goals: r.goals }));
    });
  }

  async changeStatus(actor: Actor, id: string, body: PathwayStatusRequest): Promise<PathwayResponse> {
    return this.dataSource.transaction(async (manager) => {
      const pathway = await this.loadInScope(manager, actor, 'update', id, 'status');
      if (pathway.version !== body.version) throw new StaleVersion('Care pathway', body.version);
      assertPathwayTransition(pathway.status, body.status);
      await this.bumpPathway(manager, id, body.version, body.status);
      await recordChange(manager, {
        pathwayId: id,
        kind: 'status',
        from: pathway.status,
        to: body.status,
        reason: body.reason,
        actorUserId: actor.userId,
        at: this.clock.now(),
      });
      await this.audit.allowed(manager, actor, { entityType: 'Pathway', entityId: id, patientId: pathway.patient_id, action: 'status' });
      return this.view(manager, { ...pathway, status: body.status, version: body.version + 1 }, actor);
    });
  }

  async addActivity(actor: Actor, id: string, body: AddActivityRequest): Promise<PathwayResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const pathway = await this.loadInScope(manager, actor, 'update', id, 'add-activity');
      if (pathway.version !== body.version) throw new StaleVersion('Care pathway', body.version);
      if (pathway.status !== 'draft' && pathway.status !== 'active' && pathway.status !== 'on-hold') {
        throw new PathwayError(PathwayErrorCode.PathwayClosed, `A ${pathway.status} pathway takes no new activities`, {
          current: pathway.status,
        });
      }
      await this.checkLeadClinicians(manager, pathway.service_id, [body.leadClinicianId]);
      await this.bumpPathway(manager, id, body.version, pathway.status);
      await this.insertActivity(manager, id, body.modality, body.plannedSessions, body.leadClinicianId, actor, now, body.reason);
      await this.audit.allowed(manager, actor, {
        entityType: 'Pathway',
        entityId: id,
        patientId: pathway.patient_id,
        action: 'add-activity',
      });
      return this.view(manager, { ...pathway, version: body.version + 1 }, actor);
    });
  }

  /** Status, planned sessions or lead clinician of one activity; each change is kept in the pathway history. */
  async updateActivity(actor: Actor, activityId: string, body: UpdateActivityRequest): Promise<PathwayResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const { activity, pathway } = await this.loadActivityInScope(manager, actor, 'update', activityId, 'update-activity');
      if (activity.version !== body.version) throw new StaleVersion('Pathway activity', body.version);
      if (body.status) assertActivityTransition(activity.status, body.status);
      if (body.leadClinicianId) await this.checkLeadClinicians(manager, pathway.service_id, [body.leadClinicianId]);
      const next = {
        status: body.status ?? activity.status,
        planned: body.plannedSessions ?? activity.planned_sessions,
        lead: body.leadClinicianId ?? activity.lead_clinician_id,
      };
      const updated = await execute(
        manager,
        'UPDATE pathway_activity SET status = $3, planned_sessions = $4, lead_clinician_id = $5, version = version + 1 WHERE id = $1 AND version = $2',
        [activityId, body.version, next.status, next.planned, next.lead],
      );
      if (updated !== 1) throw new StaleVersion('Pathway activity', body.version);
      const base = { pathwayId: pathway.id, activityId, reason: body.reason, actorUserId: actor.userId, at: now };
      if (next.status !== activity.status)
        await recordChange(manager, { ...base, kind: 'activity-status', from: activity.status, to: next.status });
      if (next.planned !== activity.planned_sessions) {
        await recordChange(manager, {
          ...base,
          kind: 'planned-sessions',
          from: String(activity.planned_sessions),
          to: String(next.planned),
        });
      }
      if (next.lead !== activity.lead_clinician_id)
        await recordChange(manager, { ...base, kind: 'lead-clinician', from: activity.lead_clinician_id, to: next.lead });
      await this.audit.allowed(manager, actor, {
        entityType: 'PathwayActivity',
        entityId: activityId,
        patientId: pathway.patient_id,
        action: 'update',
      });
      return this.view(manager, pathway, actor);
    });
  }

  async bookSession(actor: Actor, activityId: string, body: BookSessionRequest): Promise<SessionResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const { activity, pathway } = await this.loadActivityInScope(manager, actor, 'schedule', activityId, 'book-session');
      if (!activityOpen(activity.status) || (pathway.status !== 'active' && pathway.status !== 'draft')) {
        throw new PathwayError(
          PathwayErrorCode.ActivityNotBookable,
          `Sessions cannot be booked on a ${activity.status} activity of a ${pathway.status} pathway`,
          {
            current: activity.status,
          },
        );
      }
      if (activity.status === 'not-started')
        await this.moveActivity(manager, actor, pathway.id, activity, 'scheduled', 'first session booked', now);
      const [row]: SessionRow[] = await manager.query(
        `INSERT INTO therapy_session (activity_id, pathway_id, starts_at, location, booked_by_user_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, activity_id, starts_at, location, outcome, note, version`,
        [activityId, pathway.id, body.startsAt, body.location ?? null, actor.userId, now],
      );
      await this.audit.allowed(manager, actor, {
        entityType: 'TherapySession',
        entityId: row.id,
        patientId: pathway.patient_id,
        action: 'create',
      });
      return toSessionResponse(row, await this.needs(manager, pathway.patient_id), canSeeNotes(actor));
    });
  }

  /**
   * Attendance of a therapy session. The first attended therapy session of the
   * pathway stops the referral's clock for treatment (RTT first definitive
   * treatment), in this transaction. Any DNA raises a review task for the lead
   * clinician; nothing discharges automatically.
   */
  async recordAttendance(actor: Actor, sessionId: string, body: SessionAttendanceRequest): Promise<SessionResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const [session]: (SessionRow & { pathway_id: string })[] = await manager.query(
        'SELECT id, activity_id, pathway_id, starts_at, location, outcome, note, version FROM therapy_session WHERE id = $1',
        [sessionId],
      );
      if (!session) {
        throw await this.audit.notFound(
          actor,
          { entityType: 'TherapySession', entityId: sessionId, patientId: null, action: 'attendance' },
          new PathwayError(PathwayErrorCode.SessionNotFound, 'Session not found'),
        );
      }
      const pathway = await this.loadInScope(manager, actor, 'update', session.pathway_id, 'attendance', {
        lock: true,
        notFound: () => new PathwayError(PathwayErrorCode.SessionNotFound, 'Session not found'),
      });
      if (session.version !== body.version) throw new StaleVersion('Session', body.version);
      if (session.outcome !== 'booked')
        throw new PathwayError(PathwayErrorCode.AttendanceAlreadyRecorded, `The session is already ${session.outcome}`, {
          current: session.outcome,
          requested: body.outcome,
        });
      const updated = await execute(
        manager,
        `UPDATE therapy_session SET outcome = $3, note = $4, recorded_by_user_id = $5, recorded_at = $6, version = version + 1
          WHERE id = $1 AND version = $2 AND outcome = 'booked'`,
        [sessionId, body.version, body.outcome, body.note?.trim() || null, actor.userId, now],
      );
      if (updated !== 1) throw new StaleVersion('Session', body.version);
      const activity = (await this.loadActivity(manager, session.activity_id)) as ActivityRow;
      if (body.outcome === 'attended') {
        if (activity.status === 'scheduled')
          await this.moveActivity(manager, actor, pathway.id, activity, 'in-progress', 'first session attended', now);
        await this.referrals.startTreatment(manager, actor, pathway.referral_id, londonDate(session.starts_at));
      }
      if (body.outcome === 'dna') {
        await this.tasks.raise(manager, {
          serviceId: pathway.service_id,
          kind: 'dna-review',
          priority: 'routine',
          patientId: pathway.patient_id,
          referralId: pathway.referral_id,
          pathwayId: pathway.id,
          assigneeUserId: activity.lead_clinician_id,
          dueOn: londonDate(now),
          sourceKey: `dna-review:${sessionId}`,
        });
      }
      await this.audit.allowed(manager, actor, {
        entityType: 'TherapySession',
        entityId: sessionId,
        patientId: pathway.patient_id,
        action: 'attendance',
      });
      return toSessionResponse(
        { ...session, outcome: body.outcome, note: body.note?.trim() || null, version: body.version + 1 },
        await this.needs(manager, pathway.patient_id),
        canSeeNotes(actor),
      );
    });
  }

  private async loadActivityInScope(
    manager: EntityManager,
    actor: Actor,
    action: Action,
    activityId: string,
    auditAction: string,
  ): Promise<{ activity: ActivityRow; pathway: PathwayRow }> {
    const activity = await this.loadActivity(manager, activityId, true);
    if (!activity) {
      throw await this.audit.notFound(
        actor,
        { entityType: 'PathwayActivity', entityId: activityId, patientId: null, action: auditAction },
        new PathwayError(PathwayErrorCode.PathwayActivityNotFound, 'Pathway activity not found'),
      );
    }
    return {
      activity,
      pathway: await this.loadInScope(manager, actor, action, activity.pathway_id, auditAction, {
        notFound: () => new PathwayError(PathwayErrorCode.PathwayActivityNotFound, 'Pathway activity not found'),
      }),
    };
  }

  private async loadActivity(manager: EntityManager, id: string, lock = false): Promise<ActivityRow | undefined> {
    const [row]: ActivityRow[] = await manager.query(
      `SELECT id, pathway_id, modality, planned_sessions, lead_clinician_id, status, version FROM pathway_activity WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  private async moveActivity(
    manager: EntityManager,
    actor: Actor,
    pathwayId: string,
    activity: ActivityRow,
    to: ActivityStatus,
    reason: string,
    at: Date,
  ) {
    assertActivityTransition(activity.status, to);
    await manager.query('UPDATE pathway_activity SET status = $2, version = version + 1 WHERE id = $1', [activity.id, to]);
    await recordChange(manager, {
      pathwayId,
      activityId: activity.id,
      kind: 'activity-status',
      from: activity.status,
      to,
      reason,
      actorUserId: actor.userId,
      at,
    });
  }

  private async insertActivity(
    manager: EntityManager,
    pathwayId: string,
    modality: string,
    plannedSessions: number,
    leadClinicianId: string,
    actor: Actor,
    at: Date,
    reason: string,
  ): Promise<void> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO pathway_activity (pathway_id, modality, planned_sessions, lead_clinician_id, status, created_at)
       VALUES ($1, $2, $3, $4, 'not-started', $5) RETURNING id`,
      [pathwayId, modality, plannedSessions, leadClinicianId, at],
    );
    await recordChange(manager, {
      pathwayId,
      activityId: id,
      kind: 'activity-added',
      to: `${modality} x${plannedSessions}`,
      reason,
      actorUserId: actor.userId,
      at,
    });
  }

  private async bumpPathway(manager: EntityManager, id: string, version: number, status: string): Promise<void> {
    const updated = await execute(
      manager,
      'UPDATE care_pathway SET status = $3, version = version + 1, updated_at = $4 WHERE id = $1 AND version = $2',
      [id, version, status, this.clock.now()],
    );
    if (updated !== 1) throw new StaleVersion('Care pathway', version);
  }

  /** The whole pathway as answered: with the patient's communication needs and the names of the people in it. */
  private async view(manager: EntityManager, pathway: PathwayRow, actor: Actor): Promise<PathwayResponse> {
    return loadPathwayView(manager, pathway, actor, await this.needs(manager, pathway.patient_id), (ids) => this.users.names(manager, ids));
  }

  /** The patient's communication needs, shown with every session so they are arranged with it. */
  private async needs(manager: EntityManager, patientId: string): Promise<CommunicationNeeds> {
    const patient = (await this.patients.summaries(manager, [patientId])).get(patientId) as PatientSummary;
    return needsOf(patient);
  }

  /** A lead clinician must be an active clinician of the same service. */
  private async checkLeadClinicians(manager: EntityManager, serviceId: string, ids: string[]): Promise<void> {
    const found = await this.users.activeClinicians(manager, serviceId, ids);
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length) {
      throw new PathwayError(
        PathwayErrorCode.LeadClinicianNotInService,
        'Each lead clinician must be an active clinician of this service',
        {
          leadClinicianIds: unknown,
        },
      );
    }
  }

  /** The care pathway of a referral for a letter about it (the caller has checked access to its own record). */
  async summaryForReferral(manager: EntityManager, referralId: string): Promise<PathwaySummary | null> {
    const [pathway]: { id: string; status: string; goals: string[] }[] = await manager.query(
      'SELECT id, status, goals FROM care_pathway WHERE referral_id = $1',
      [referralId],
    );
    if (!pathway) return null;
    const activities: { modality: string; planned_sessions: number; attended: number }[] = await manager.query(
      `SELECT a.modality, a.planned_sessions,
              (SELECT count(*)::int FROM therapy_session s WHERE s.activity_id = a.id AND s.outcome = 'attended') AS attended
         FROM pathway_activity a WHERE a.pathway_id = $1 ORDER BY a.seq`,
      [pathway.id],
    );
    const outcomes: { measure: string; baseline: number | null; last: number | null }[] = await manager.query(
      `SELECT measure,
              (array_agg(coalesce(total, vas) ORDER BY recorded_at, id))[1] AS baseline,
              (array_agg(coalesce(total, vas) ORDER BY recorded_at DESC, id DESC))[1] AS last
         FROM outcome_measure WHERE pathway_id = $1 GROUP BY measure ORDER BY measure`,
      [pathway.id],
    );
    return {
      id: pathway.id,
      status: pathway.status,
      goals: pathway.goals,
      activities: activities.map((a) => ({ modality: a.modality, plannedSessions: a.planned_sessions, sessionsAttended: a.attended })),
      outcomes,
    };
  }
}
