import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, decodeCursor, encodeCursor, IsoDate, isIsoDate, isUuid, StaleVersion } from '@carepath/common';
import { Action, Actor, ListScope, UsersService } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { execute, writeOutbox } from '@carepath/database';
import { NewTask, TaskKind, TasksService } from '@carepath/tasks';
import {
  AddCaseRequest,
  CaseProgress,
  CaseResponse,
  CreateMeetingRequest,
  DecisionRequest,
  DecisionResponse,
  DuePage,
  DueQuery,
  FlagRequest,
  FlagResponse,
  MdtClinician,
  MeetingPage,
  MeetingResponse,
  MeetingSummary,
  RemoveCaseRequest,
} from './dto/mdt.dto';
import { MdtAction } from './mdt-decision.entity';
import { DueEntry, MdtDueService } from './mdt-due.service';
import { PathwayReviewFacts } from './mdt-pathways';
import { MDT_DECISION_RECORDED } from './mdt.events';
import { MdtError, MdtErrorCode } from './mdt.errors';
import { DueReason, followUpDueOn, MdtDecisionKind, MeetingStatus, nextReviewAfterMeeting, reviewable } from './mdt.rules';

interface MeetingRow {
  id: string;
  service_id: string;
  meeting_on: string;
  site: string;
  status: MeetingStatus;
  version: number;
}

interface CaseRow {
  id: string;
  meeting_id: string;
  pathway_id: string;
  patient_id: string;
  origin: 'generated' | 'added';
  due_on: string | null;
  reasons: DueReason[];
  urgent: boolean;
  added_reason: string | null;
  removed_reason: string | null;
  version: number;
}

interface DecisionRow {
  id: string;
  case_id: string;
  pathway_id: string;
  meeting_on: string;
  decision: MdtDecisionKind;
  destination: string | null;
  summary: string;
  actions: MdtAction[];
  amends_decision_id: string | null;
  amendment_reason: string | null;
  recorded_by_user_id: string;
  recorded_at: Date;
}

interface FlagRow {
  id: string;
  service_id: string;
  pathway_id: string;
  reason: string;
  status: string;
  flagged_on: string;
  closed_reason: string | null;
  version: number;
}

/** What a library acting on an MDT decision needs to know of it (ids and the decision, never the discussion). */
export interface MdtDecisionFacts {
  decisionId: string;
  decision: MdtDecisionKind;
  destination: string | null;
  meetingId: string;
  meetingOn: IsoDate;
  serviceId: string;
  pathwayId: string;
  patientId: string;
  referralId: string;
  /** The pathway's first lead clinician, who owns the follow-up; null if the pathway has no current activity. */
  leadClinicianId: string | null;
}

/**
 * The task a library raises to carry out an MDT decision: for the pathway's lead clinician, due in two weeks, once
 * per decision (an amendment is a new decision, so it gets its own).
 */
function followUpTask(facts: MdtDecisionFacts, kind: TaskKind, today: IsoDate): NewTask {
  return {
    serviceId: facts.serviceId,
    kind,
    patientId: facts.patientId,
    referralId: facts.referralId,
    pathwayId: facts.pathwayId,
    assigneeUserId: facts.leadClinicianId,
    dueOn: followUpDueOn(today),
    detail: facts.destination,
    sourceKey: `mdt-follow-up:${facts.decisionId}`,
  };
}

const MEETING_SELECT = `SELECT m.id, m.service_id, m.meeting_on::text, m.site, m.status, m.version FROM mdt_meeting m`;
const CASE_SELECT = `SELECT c.id, c.meeting_id, c.pathway_id, c.patient_id, c.origin, c.due_on::text, c.reasons, c.urgent,
        c.added_reason, c.removed_reason, c.version
   FROM mdt_case c`;
const DECISION_SELECT = `SELECT d.id, d.case_id, d.pathway_id, d.meeting_on::text, d.decision, d.destination, d.summary, d.actions,
        d.amends_decision_id, d.amendment_reason, d.recorded_by_user_id, d.recorded_at
   FROM mdt_decision d`;
const FLAG_SELECT = `SELECT f.id, f.service_id, f.pathway_id, f.reason, f.status, f.flagged_on::text, f.closed_reason, f.version FROM mdt_flag f`;
const isRank = (value: string) => value === '0' || value === '1';
/** A due case's place in the list as one comparable string: urgent (0) before routine (1), then due day, then id. */
const keyOf = (d: DueEntry) => `${d.urgent ? '0' : '1'}|${d.dueOn}|${d.pathwayId}`;

function toFlagResponse(f: FlagRow): FlagResponse {
  return {
    id: f.id,
    pathwayId: f.pathway_id,
    reason: f.reason,
    status: f.status,
    flaggedOn: f.flagged_on,
    closedReason: f.closed_reason,
    version: f.version,
  };
}

/** Case-list order: urgent first, then the most overdue, cases added without being due after them; removed ones last. */
function caseOrder(a: CaseRow, b: CaseRow): number {
  const rank = (c: CaseRow) => (c.removed_reason !== null ? 3 : c.urgent ? 0 : c.due_on !== null ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const da = a.due_on ?? '';
  const db = b.due_on ?? '';
  if (da !== db) return da < db ? -1 : 1;
  return a.pathway_id < b.pathway_id ? -1 : a.pathway_id > b.pathway_id ? 1 : 0;
}

/**
 * MDT reviews: flags, the due list, meetings with their generated case lists, and decisions whose actions become
 * clinical tasks. Pathway facts come from libs/pathways (through MdtPathways), tasks from libs/tasks.
 */
@Injectable()
export class MdtService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly due: MdtDueService,
    private readonly tasks: TasksService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async flag(actor: Actor, pathwayId: string, body: FlagRequest): Promise<FlagResponse> {
    return this.dataSource.transaction(async (manager) => {
      const pathway = await this.pathwayInScope(manager, actor, 'create', pathwayId, 'mdt-flag');
      if (!reviewable(pathway.status))
        throw new MdtError(MdtErrorCode.PathwayNotReviewable, `Only an active pathway is reviewed; this one is ${pathway.status}`);
      const [open]: FlagRow[] = await manager.query(`${FLAG_SELECT} WHERE f.pathway_id = $1 AND f.status = 'open'`, [pathwayId]);
      if (open) throw new MdtError(MdtErrorCode.FlagAlreadyOpen, 'The pathway is already flagged for the MDT', { flagId: open.id });
      const [row]: FlagRow[] = await manager.query(
        `INSERT INTO mdt_flag (service_id, pathway_id, reason, flagged_on, flagged_by_user_id, flagged_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (pathway_id) WHERE status = 'open' DO NOTHING
         RETURNING id, service_id, pathway_id, reason, status, flagged_on::text, closed_reason, version`,
        [pathway.serviceId, pathwayId, body.reason.trim(), this.clock.today(), actor.userId, this.clock.now()],
      );
      if (!row) throw new MdtError(MdtErrorCode.FlagAlreadyOpen, 'The pathway is already flagged for the MDT');
      await this.audit.allowed(manager, actor, { entityType: 'MdtFlag', entityId: row.id, patientId: pathway.patientId, action: 'create' });
      return toFlagResponse(row);
    });
  }

  async withdrawFlag(actor: Actor, pathwayId: string, body: FlagRequest): Promise<FlagResponse> {
    return this.dataSource.transaction(async (manager) => {
      const pathway = await this.pathwayInScope(manager, actor, 'update', pathwayId, 'mdt-flag-withdraw');
      const [[row]]: [FlagRow[], number] = await manager.query(
        `UPDATE mdt_flag f SET status = 'withdrawn', closed_reason = $2, closed_by_user_id = $3, closed_at = $4, version = version + 1
          WHERE f.pathway_id = $1 AND f.status = 'open'
          RETURNING f.id, f.service_id, f.pathway_id, f.reason, f.status, f.flagged_on::text, f.closed_reason, f.version`,
        [pathwayId, body.reason.trim(), actor.userId, this.clock.now()],
      );
      if (!row) throw new MdtError(MdtErrorCode.NoOpenFlag, 'The pathway has no standing MDT flag');
      await this.audit.allowed(manager, actor, {
        entityType: 'MdtFlag',
        entityId: row.id,
        patientId: pathway.patientId,
        action: 'withdraw',
      });
      return toFlagResponse(row);
    });
  }

  /**
   * The service's active clinicians by name: who may attend a meeting or own an action (the forms that plan
   * meetings and record decisions list them). Names only, no patient data.
   */
  async clinicians(actor: Actor): Promise<MdtClinician[]> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.users.activeUserIds(manager, actor.organisationId, 'clinician');
      const names = await this.users.names(manager, ids);
      return ids
        .map((id) => ({ id, name: names.get(id) ?? null }))
        .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.id.localeCompare(b.id));
    });
  }

  /** The service's cases due by `by` (default today), urgent first then most overdue, keyset-paged. */
  async dueList(actor: Actor, query: DueQuery): Promise<DuePage> {
    const by = query.by ?? this.clock.today();
    const limit = query.limit ?? 25;
    const after = query.cursor ? decodeCursor(query.cursor, [isRank, isIsoDate, isUuid]) : null;
    return this.dataSource.transaction(async (manager) => {
      const all = await this.due.dueList(manager, actor.organisationId, by);
      const rest = after ? all.filter((d) => keyOf(d) > after.join('|')) : all;
      const page = rest.slice(0, limit);
      const progress = await this.due.progress(
        manager,
        actor.organisationId,
        page.map((d) => d.pathwayId),
      );
      await this.audit.allowedMany(
        manager,
        actor,
        page.map((d) => ({ entityType: 'Pathway', entityId: d.pathwayId, patientId: d.patientId, action: 'mdt-due' })),
      );
      const last = page[page.length - 1];
      return {
        by,
        items: page.map((d) => ({ ...(progress.get(d.pathwayId) as CaseProgress), dueOn: d.dueOn, reasons: d.reasons, urgent: d.urgent })),
        nextCursor: rest.length > limit ? encodeCursor(keyOf(last).split('|')) : null,
      };
    });
  }

  async createMeeting(actor: Actor, body: CreateMeetingRequest): Promise<MeetingResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      await this.assertClinicians(manager, actor.organisationId, body.attendeeIds, 'attendeeIds');
      const [meeting]: MeetingRow[] = await manager.query(
        `INSERT INTO mdt_meeting (service_id, meeting_on, site, created_by_user_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id, service_id, meeting_on::text, site, status, version`,
        [actor.organisationId, body.date, body.site.trim(), actor.userId, now],
      );
      await manager.query('INSERT INTO mdt_attendee (meeting_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) AS u', [
        meeting.id,
        body.attendeeIds,
      ]);
      await this.audit.allowed(manager, actor, { entityType: 'MdtMeeting', entityId: meeting.id, patientId: null, action: 'create' });
      return this.meetingView(manager, actor, meeting);
    });
  }

  async listMeetings(actor: Actor, query: { limit?: number; cursor?: string }): Promise<MeetingPage> {
    const limit = query.limit ?? 25;
    const scope = ListScope.of(actor.ability, 'read', 'Mdt', { serviceId: 'm.service_id' });
    if (query.cursor) {
      const [on, id] = decodeCursor(query.cursor, [isIsoDate, isUuid]);
      scope.and('(m.meeting_on, m.id) < (?, ?)', on, id);
    }
    return this.dataSource.transaction(async (manager) => {
      const rows: MeetingRow[] = await manager.query(
        `${MEETING_SELECT} WHERE ${scope.where} ORDER BY m.meeting_on DESC, m.id DESC LIMIT ${limit + 1}`,
        scope.params,
      );
      const page = rows.slice(0, limit);
      const summaries = await this.summaries(manager, page);
      const last = page[page.length - 1];
      return { items: summaries, nextCursor: rows.length > limit ? encodeCursor([last.meeting_on, last.id]) : null };
    });
  }

  /** A meeting with its case list; a planned meeting's list is brought up to date with the due list first. */
  async getMeeting(actor: Actor, id: string): Promise<MeetingResponse> {
    return this.dataSource.transaction(async (manager) => {
      const meeting = await this.meetingInScope(manager, actor, 'read', id, 'read');
      return this.meetingView(manager, actor, meeting);
    });
  }

  /** Starting the meeting freezes its case list as it stands. */
  async startMeeting(actor: Actor, id: string, version: number): Promise<MeetingResponse> {
    return this.moveMeeting(actor, id, version, 'planned', 'in-progress', MdtErrorCode.MeetingNotPlanned);
  }

  async closeMeeting(actor: Actor, id: string, version: number): Promise<MeetingResponse> {
    return this.moveMeeting(actor, id, version, 'in-progress', 'closed', MdtErrorCode.MeetingNotInProgress);
  }

  async addCase(actor: Actor, meetingId: string, body: AddCaseRequest): Promise<MeetingResponse> {
    return this.dataSource.transaction(async (manager) => {
      const meeting = await this.meetingInScope(manager, actor, 'update', meetingId, 'add-case');
      this.assertOpen(meeting);
      const pathway = await this.pathwayInScope(manager, actor, 'update', body.pathwayId, 'mdt-add-case');
      if (!reviewable(pathway.status))
        throw new MdtError(MdtErrorCode.PathwayNotReviewable, `Only an active pathway is reviewed; this one is ${pathway.status}`);
      const [existing]: CaseRow[] = await manager.query(`${CASE_SELECT} WHERE c.meeting_id = $1 AND c.pathway_id = $2 FOR UPDATE`, [
        meetingId,
        body.pathwayId,
      ]);
      if (existing && existing.removed_reason === null)
        throw new MdtError(MdtErrorCode.CaseAlreadyOnList, 'The pathway is already on the case list', { caseId: existing.id });
      if (existing) {
        await manager.query(
          `UPDATE mdt_case SET origin = 'added', added_reason = $2, removed_reason = NULL, removed_at = NULL, changed_by_user_id = $3,
                  version = version + 1 WHERE id = $1`,
          [existing.id, body.reason.trim(), actor.userId],
        );
      } else {
        await manager.query(
          `INSERT INTO mdt_case (meeting_id, pathway_id, patient_id, origin, added_reason, changed_by_user_id)
           VALUES ($1, $2, $3, 'added', $4, $5)`,
          [meetingId, pathway.id, pathway.patientId, body.reason.trim(), actor.userId],
        );
      }
      await this.audit.allowed(manager, actor, { entityType: 'MdtCase', entityId: null, patientId: pathway.patientId, action: 'add-case' });
      return this.meetingView(manager, actor, meeting);
    });
  }

  async removeCase(actor: Actor, meetingId: string, pathwayId: string, body: RemoveCaseRequest): Promise<MeetingResponse> {
    return this.dataSource.transaction(async (manager) => {
      const meeting = await this.meetingInScope(manager, actor, 'update', meetingId, 'remove-case');
      this.assertOpen(meeting);
      const found = await this.caseOnList(manager, meetingId, pathwayId);
      if (found.version !== body.version) throw new StaleVersion('MDT case', body.version);
      const [decided] = await manager.query('SELECT 1 FROM mdt_decision WHERE case_id = $1 LIMIT 1', [found.id]);
      if (decided) throw new MdtError(MdtErrorCode.DecisionExists, 'A case with a decision stays on the list; amend the decision instead');
      await manager.query(
        `UPDATE mdt_case SET removed_reason = $2, removed_at = $3, changed_by_user_id = $4, version = version + 1 WHERE id = $1`,
        [found.id, body.reason.trim(), this.clock.now(), actor.userId],
      );
      await this.audit.allowed(manager, actor, {
        entityType: 'MdtCase',
        entityId: found.id,
        patientId: found.patient_id,
        action: 'remove-case',
      });
      return this.meetingView(manager, actor, meeting);
    });
  }

  /**
   * Records the MDT's decision on a case during the meeting, or amends the current one (with a reason; also after the
   * meeting closed, since minutes are corrected afterwards). Each action becomes a clinical task for its owner in the
   * same transaction; the case's flag is discussed; the next review falls due 12 weeks after the meeting.
   */
  async decide(actor: Actor, meetingId: string, pathwayId: string, body: DecisionRequest): Promise<CaseResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const meeting = await this.meetingInScope(manager, actor, 'update', meetingId, 'decision');
      const amending = body.amendmentReason !== undefined;
      if (meeting.status === 'closed' && !amending)
        throw new MdtError(MdtErrorCode.MeetingClosed, 'The meeting is closed; a decision taken there can only be amended, with a reason');
      if (meeting.status === 'planned')
        throw new MdtError(MdtErrorCode.MeetingNotInProgress, 'Decisions are recorded once the meeting has started');
      const found = await this.caseOnList(manager, meetingId, pathwayId);
      if (found.version !== body.version) throw new StaleVersion('MDT case', body.version);
      const [current]: { id: string }[] = await manager.query(
        `SELECT d.id FROM mdt_decision d
          WHERE d.case_id = $1 AND NOT EXISTS (SELECT 1 FROM mdt_decision a WHERE a.amends_decision_id = d.id)`,
        [found.id],
      );
      if (current && !amending)
        throw new MdtError(MdtErrorCode.DecisionExists, 'The case already has a decision; amend it with an amendmentReason', {
          decisionId: current.id,
        });
      if (!current && amending) throw new MdtError(MdtErrorCode.NothingToAmend, 'The case has no decision to amend yet');
      await this.assertClinicians(
        manager,
        meeting.service_id,
        body.actions.map((a) => a.ownerId),
        'actions.ownerId',
      );
      const [pathway] = await this.due.reviewFacts(manager, [pathwayId]);
      const decisionId = randomUUID();
      const actions: MdtAction[] = [];
      for (const [index, action] of body.actions.entries()) {
        const taskId = await this.tasks.raise(manager, {
          serviceId: meeting.service_id,
          kind: 'mdt-action',
          patientId: pathway.patientId,
          referralId: pathway.referralId,
          pathwayId,
          assigneeUserId: action.ownerId,
          dueOn: action.dueOn,
          detail: action.description.trim(),
          sourceKey: `mdt-action:${decisionId}:${index}`,
        });
        actions.push({ description: action.description.trim(), ownerId: action.ownerId, dueOn: action.dueOn, taskId });
      }
      await manager.query(
        `INSERT INTO mdt_decision (id, case_id, pathway_id, meeting_on, decision, destination, summary, actions, amends_decision_id,
                                   amendment_reason, recorded_by_user_id, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          decisionId,
          found.id,
          pathwayId,
          meeting.meeting_on,
          body.decision,
          body.decision === 'refer-on' ? (body.destination?.trim() ?? null) : null,
          body.summary.trim(),
          JSON.stringify(actions),
          current?.id ?? null,
          body.amendmentReason?.trim() ?? null,
          actor.userId,
          now,
        ],
      );
      await manager.query('UPDATE mdt_case SET version = version + 1, changed_by_user_id = $2 WHERE id = $1', [found.id, actor.userId]);
      await manager.query(
        `UPDATE mdt_flag SET status = 'discussed', closed_reason = $2, closed_by_user_id = $3, closed_at = $4, version = version + 1
          WHERE pathway_id = $1 AND status = 'open'`,
        [pathwayId, `Discussed at the MDT on ${meeting.meeting_on}`, actor.userId, now],
      );
      await writeOutbox(manager, MDT_DECISION_RECORDED, { decisionId, meetingId, pathwayId });
      await this.audit.allowed(manager, actor, {
        entityType: 'MdtCase',
        entityId: found.id,
        patientId: found.patient_id,
        action: amending ? 'amend-decision' : 'decision',
      });
      const [updated]: CaseRow[] = await manager.query(`${CASE_SELECT} WHERE c.id = $1`, [found.id]);
      const [view] = await this.caseViews(manager, actor, meeting, [updated]);
      return view;
    });
  }

  /** For subscribers to `mdt.decision-recorded`: the decision and where it applies, without the discussion. */
  /**
   * For a library that carries out one kind of MDT decision: raises its follow-up task when the decision is of that
   * kind. The MDT records decisions; it never discharges, refers on or changes a pathway by itself.
   */
  async raiseFollowUp(decisionId: string, decided: MdtDecisionKind, kind: TaskKind): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const decision = await this.decisionFacts(manager, decisionId);
      if (decision?.decision !== decided) return;
      await this.tasks.raise(manager, followUpTask(decision, kind, this.clock.today()));
    });
  }

  async decisionFacts(manager: EntityManager, decisionId: string): Promise<MdtDecisionFacts | null> {
    const [row]: {
      decision: MdtDecisionKind;
      destination: string | null;
      meeting_id: string;
      meeting_on: string;
      service_id: string;
      pathway_id: string;
      patient_id: string;
    }[] = await manager.query(
      `SELECT d.decision, d.destination, m.id AS meeting_id, d.meeting_on::text, m.service_id, d.pathway_id, c.patient_id
           FROM mdt_decision d JOIN mdt_case c ON c.id = d.case_id JOIN mdt_meeting m ON m.id = c.meeting_id
          WHERE d.id = $1`,
      [decisionId],
    );
    if (!row) return null;
    const [pathway] = await this.due.reviewFacts(manager, [row.pathway_id]);
    return {
      decisionId,
      decision: row.decision,
      destination: row.destination,
      meetingId: row.meeting_id,
      meetingOn: row.meeting_on,
      serviceId: row.service_id,
      pathwayId: row.pathway_id,
      patientId: row.patient_id,
      referralId: pathway.referralId,
      leadClinicianId: pathway.leadClinicianIds[0] ?? null,
    };
  }

  private async moveMeeting(
    actor: Actor,
    id: string,
    version: number,
    from: MeetingStatus,
    to: MeetingStatus,
    code: MdtErrorCode,
  ): Promise<MeetingResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const meeting = await this.meetingInScope(manager, actor, 'update', id, to === 'closed' ? 'close' : 'start');
      if (meeting.version !== version) throw new StaleVersion('MDT meeting', version);
      if (meeting.status !== from) throw new MdtError(code, `The meeting is ${meeting.status}`, { current: meeting.status, requested: to });
      if (from === 'planned') await this.refreshCases(manager, meeting);
      const updated = await execute(
        manager,
        `UPDATE mdt_meeting SET status = $3, ${to === 'closed' ? 'closed_at' : 'started_at'} = $4, updated_at = $4, version = version + 1
          WHERE id = $1 AND version = $2`,
        [id, version, to, now],
      );
      if (updated !== 1) throw new StaleVersion('MDT meeting', version);
      await this.audit.allowed(manager, actor, {
        entityType: 'MdtMeeting',
        entityId: id,
        patientId: null,
        action: to === 'closed' ? 'close' : 'start',
      });
      return this.meetingView(manager, actor, { ...meeting, status: to, version: version + 1 });
    });
  }

  private assertOpen(meeting: MeetingRow): void {
    if (meeting.status === 'closed') throw new MdtError(MdtErrorCode.MeetingClosed, 'The meeting is closed; its case list is final');
  }

  private async caseOnList(manager: EntityManager, meetingId: string, pathwayId: string): Promise<CaseRow> {
    const [found]: CaseRow[] = await manager.query(`${CASE_SELECT} WHERE c.meeting_id = $1 AND c.pathway_id = $2 FOR UPDATE`, [
      meetingId,
      pathwayId,
    ]);
    if (!found || found.removed_reason !== null)
      throw new MdtError(MdtErrorCode.CaseNotOnList, "The pathway is not on this meeting's case list", { pathwayId });
    return found;
  }

  private async assertClinicians(manager: EntityManager, serviceId: string, ids: string[], field: string): Promise<void> {
    const unique = [...new Set(ids)];
    const found = await this.users.activeClinicians(manager, serviceId, unique);
    const unknown = unique.filter((id) => !found.has(id));
    if (unknown.length)
      throw new MdtError(MdtErrorCode.NotAClinicianOfTheService, 'Each must be an active clinician of this service', {
        field,
        ids: unknown,
      });
  }

  private async pathwayInScope(
    manager: EntityManager,
    actor: Actor,
    action: Action,
    id: string,
    auditAction: string,
  ): Promise<PathwayReviewFacts> {
    const pathway = await this.due.reviewFactsInScope(manager, actor, id, auditAction);
    return this.audit.inScope(actor, pathway, {
      action,
      subject: 'Mdt',
      fields: (p) => ({ serviceId: p.serviceId }),
      refusal: (p) => ({ entityType: 'Pathway', entityId: id, patientId: p?.patientId ?? null, action: auditAction }),
      notFound: () => new MdtError(MdtErrorCode.PathwayNotFound, 'Pathway not found'),
    });
  }

  private async meetingInScope(manager: EntityManager, actor: Actor, action: Action, id: string, auditAction: string): Promise<MeetingRow> {
    const [meeting]: MeetingRow[] = await manager.query(`${MEETING_SELECT} WHERE m.id = $1 FOR UPDATE`, [id]);
    return this.audit.inScope(actor, meeting, {
      action,
      subject: 'Mdt',
      fields: (m) => ({ serviceId: m.service_id }),
      refusal: () => ({ entityType: 'MdtMeeting', entityId: id, patientId: null, action: auditAction }),
      notFound: () => new MdtError(MdtErrorCode.MeetingNotFound, 'MDT meeting not found'),
    });
  }

  /**
   * Brings a planned meeting's case list up to date with the due list as of the meeting's day: newly due cases join,
   * generated cases no longer due leave, and a case whose reasons changed gets a new version. Cases a clinician removed
   * stay removed. The caller holds the meeting's row lock.
   */
  private async refreshCases(manager: EntityManager, meeting: MeetingRow): Promise<void> {
    if (meeting.status !== 'planned') return;
    const due = new Map<string, DueEntry>(
      (await this.due.dueList(manager, meeting.service_id, meeting.meeting_on)).map((d) => [d.pathwayId, d]),
    );
    const cases: CaseRow[] = await manager.query(`${CASE_SELECT} WHERE c.meeting_id = $1`, [meeting.id]);
    const listed = new Set(cases.map((c) => c.pathway_id));
    const gone = cases.filter((c) => c.origin === 'generated' && c.removed_reason === null && !due.has(c.pathway_id));
    const changed = cases.flatMap((c) => {
      const d = due.get(c.pathway_id);
      if (c.removed_reason !== null || (!d && c.origin === 'generated')) return [];
      const next = { dueOn: d?.dueOn ?? null, reasons: d?.reasons ?? [], urgent: d?.urgent ?? false };
      const same = next.dueOn === c.due_on && next.urgent === c.urgent && next.reasons.join() === c.reasons.join();
      return same ? [] : [{ id: c.id, ...next }];
    });
    const fresh = [...due.values()].filter((d) => !listed.has(d.pathwayId));
    if (gone.length) await manager.query('DELETE FROM mdt_case WHERE id = ANY($1)', [gone.map((c) => c.id)]);
    for (const c of changed) {
      await manager.query('UPDATE mdt_case SET due_on = $2, reasons = $3, urgent = $4, version = version + 1 WHERE id = $1', [
        c.id,
        c.dueOn,
        c.reasons,
        c.urgent,
      ]);
    }
    if (fresh.length) {
      await manager.query(
        `INSERT INTO mdt_case (meeting_id, pathway_id, patient_id, origin, due_on, reasons, urgent)
         SELECT $1, f.pathway_id, f.patient_id, 'generated', f.due_on, string_to_array(f.reasons, ','), f.urgent
           FROM unnest($2::uuid[], $3::uuid[], $4::date[], $5::text[], $6::boolean[]) AS f(pathway_id, patient_id, due_on, reasons, urgent)`,
        [
          meeting.id,
          fresh.map((d) => d.pathwayId),
          fresh.map((d) => d.patientId),
          fresh.map((d) => d.dueOn),
          fresh.map((d) => d.reasons.join(',')),
          fresh.map((d) => d.urgent),
        ],
      );
    }
  }

  private async meetingView(manager: EntityManager, actor: Actor, meeting: MeetingRow): Promise<MeetingResponse> {
    await this.refreshCases(manager, meeting);
    const cases: CaseRow[] = await manager.query(`${CASE_SELECT} WHERE c.meeting_id = $1`, [meeting.id]);
    const [summary] = await this.summaries(manager, [meeting]);
    const views = await this.caseViews(manager, actor, meeting, cases.sort(caseOrder));
    await this.audit.allowedMany(
      manager,
      actor,
      cases.map((c) => ({ entityType: 'MdtCase', entityId: c.id, patientId: c.patient_id, action: 'read' })),
    );
    return { ...summary, cases: views };
  }

  private async summaries(manager: EntityManager, meetings: MeetingRow[]): Promise<MeetingSummary[]> {
    const ids = meetings.map((m) => m.id);
    const [attendees, counts]: [{ meeting_id: string; user_id: string }[], { meeting_id: string; n: number }[]] = [
      await manager.query('SELECT meeting_id, user_id FROM mdt_attendee WHERE meeting_id = ANY($1)', [ids]),
      await manager.query(
        'SELECT meeting_id, count(*)::int AS n FROM mdt_case WHERE meeting_id = ANY($1) AND removed_reason IS NULL GROUP BY meeting_id',
        [ids],
      ),
    ];
    const names = await this.users.names(manager, [...new Set(attendees.map((a) => a.user_id))]);
    return meetings.map((m) => ({
      id: m.id,
      date: m.meeting_on,
      site: m.site,
      status: m.status,
      attendees: attendees
        .filter((a) => a.meeting_id === m.id)
        .map((a) => ({ id: a.user_id, name: names.get(a.user_id) ?? null }))
        .sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : 1)),
      caseCount: counts.find((c) => c.meeting_id === m.id)?.n ?? 0,
      version: m.version,
    }));
  }

  private async caseViews(manager: EntityManager, actor: Actor, meeting: MeetingRow, cases: CaseRow[]): Promise<CaseResponse[]> {
    const progress = await this.due.progress(
      manager,
      meeting.service_id,
      cases.map((c) => c.pathway_id),
    );
    const decisions: DecisionRow[] = await manager.query(`${DECISION_SELECT} WHERE d.case_id = ANY($1) ORDER BY d.recorded_at, d.id`, [
      cases.map((c) => c.id),
    ]);
    const withSummary = actor.ability.can('read', 'MdtDiscussion');
    return cases.flatMap((c) => {
      const p = progress.get(c.pathway_id);
      if (!p) return [];
      return [
        {
          ...p,
          id: c.id,
          origin: c.origin,
          dueOn: c.due_on,
          reasons: c.reasons,
          urgent: c.urgent,
          addedReason: c.added_reason,
          removedReason: c.removed_reason,
          version: c.version,
          decisions: history(decisions.filter((d) => d.case_id === c.id)).map((d) => toDecisionResponse(d, withSummary)),
        },
      ];
    });
  }
}

/** A case's decisions in the order they were taken: the first, then each amendment of the one before. */
function history(decisions: DecisionRow[]): DecisionRow[] {
  const ordered: DecisionRow[] = [];
  for (let d = decisions.find((x) => x.amends_decision_id === null); d; d = decisions.find((x) => x.amends_decision_id === d?.id))
    ordered.push(d);
  return ordered;
}

function toDecisionResponse(d: DecisionRow, withSummary: boolean): DecisionResponse {
  return {
    id: d.id,
    decision: d.decision,
    destination: d.destination,
    ...(withSummary ? { summary: d.summary } : {}),
    actions: d.actions,
    amendsDecisionId: d.amends_decision_id,
    amendmentReason: d.amendment_reason,
    recordedByUserId: d.recorded_by_user_id,
    recordedAt: d.recorded_at.toISOString(),
    nextReviewOn: nextReviewAfterMeeting(d.meeting_on),
  };
}
