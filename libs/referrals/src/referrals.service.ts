import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, decodeCursor, isIsoDate, isUuid, londonDate, StaleVersion, toPage } from '@carepath/common';
import { Action, Actor, ListScope } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { execute, isUniqueViolation, writeOutbox } from '@carepath/database';
import { patientNotFound, PatientsService } from '@carepath/patients';
import { NewTask, TasksService } from '@carepath/tasks';
import {
  CreateDelayRequest,
  CreateReferralRequest,
  DischargeRequest,
  ListReferralsQuery,
  ReferralDetailResponse,
  ReferralPage,
  TriageQueue,
  TriageQueueEntry,
  TriageRequest,
  VersionedReasonRequest,
  VersionRequest,
} from './dto/referrals.dto';
import { ACTIVE_MONITORING_REVIEW_DAYS, addDays, ClockEvent, ClockPeriod, delayNeedsReview } from './referral-clock.rules';
import {
  activeMonitoringStop,
  assertDelayDates,
  assertReceivedOn,
  assertTakesDelays,
  assertTransition,
  assertTriageComplete,
  assessedSteps,
  decisionToTreatStart,
  ReferralStatus,
  StatusStep,
  treatmentSteps,
  TRIAGE_TARGET,
  triageClockEvent,
} from './referral.rules';
import { Referral } from './referral.entity';
import { REFERRAL_DISCHARGED, REFERRAL_RECEIVED, REFERRAL_TRIAGED } from './referrals.events';
import { applyClock, loadPeriods, loadPeriodsFor, syncWaitingList } from './referral.store';
import { loadReferralDetail, toReferralResponse } from './referral.view';
import { ReferralError, ReferralErrorCode } from './referrals.errors';

const REFERRAL_COLUMNS = { serviceId: 'r.service_id', practiceId: 'r.practice_id' };

/** A referral row selected straight into the entity's shape, so a list is one query. */
const REFERRAL_AS_ENTITY = `r.id, r.service_id AS "serviceId", r.patient_id AS "patientId", r.practice_id AS "practiceId",
  r.referred_by_user_id AS "referredByUserId", r.priority, r.reason, r.red_flags AS "redFlags", r.received_on AS "receivedOn",
  r.external_reference AS "externalReference", r.request_hash AS "requestHash", r.status, r.modalities, r.intro_session AS "introSession",
  r.redirect_destination AS "redirectDestination", r.status_reason AS "statusReason", r.version, r.created_at AS "createdAt",
  r.updated_at AS "updatedAt"`;

/** The fields of a referral that its access rules read. */
export function referralScopeFields(referral: Pick<Referral, 'serviceId' | 'practiceId'>): Record<string, unknown> {
  return { serviceId: referral.serviceId, practiceId: referral.practiceId };
}

export interface IntakeResult {
  referral: ReferralDetailResponse;
  created: boolean;
}

/** What one change does to a referral; `applyChange` carries it out. */
export interface ReferralChange {
  /** The version the user last read, when a user asked for the change. */
  version?: number;
  /** The statuses the referral passes through, in order, each recorded in its history. */
  steps?: StatusStep[];
  /** The reason shown on the referral itself; kept as it is when undefined. */
  statusReason?: string | null;
  fields?: Partial<Pick<Referral, 'modalities' | 'introSession' | 'redirectDestination'>>;
  /** The clock event, or the rule that returns it from the current status and periods (and may refuse). */
  clock?: ClockEvent | ((status: ReferralStatus, periods: readonly ClockPeriod[]) => ClockEvent);
  /** The audit event's action, and its entity when another record (an appointment) is what changed. */
  audit: { action: string; entityType?: string; entityId?: string };
}

type ChangeEffects = (manager: EntityManager, referral: Referral, statusChangeId: string | null) => Promise<void>;

function intakeHash(patientId: string, body: CreateReferralRequest): string {
  const redFlags = Object.fromEntries(Object.entries(body.redFlags ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  const canonical = JSON.stringify([patientId, body.priority, body.reason.trim(), body.receivedOn ?? null, redFlags]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** What other libraries (letters) show of a referral; read after they have checked access to their own record. */
export interface ReferralSummary {
  id: string;
  serviceId: string;
  patientId: string;
  practiceId: string;
  status: ReferralStatus;
  reason: string;
  receivedOn: string;
  statusReason: string | null;
  redirectDestination: string | null;
  /** London date of the attended first assessment, if there was one. */
  assessedOn: string | null;
}

/** An attended first assessment: a letter to the GP is due within 10 days of it. */
export interface AttendedAssessment {
  appointmentId: string;
  referralId: string;
  serviceId: string;
  patientId: string;
  attendedOn: string;
  recordedByUserId: string | null;
}

@Injectable()
export class ReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly patients: PatientsService,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return this.clock.today();
  }

  /** Loads a referral the actor may act on, or answers 404 after auditing the refused attempt. */
  async loadInScope(manager: EntityManager, actor: Actor, action: Action, id: string, auditAction: string): Promise<Referral> {
    return this.audit.inScope(actor, await manager.getRepository(Referral).findOneBy({ id }), {
      action,
      subject: 'Referral',
      fields: referralScopeFields,
      refusal: (referral) => ({ entityType: 'Referral', entityId: id, patientId: referral?.patientId ?? null, action: auditAction }),
      notFound: () => new ReferralError(ReferralErrorCode.ReferralNotFound, 'Referral not found'),
    });
  }

  /**
   * A GP refers a patient registered at their own practice; an admin enters a
   * referral on a GP's behalf. The same external reference never makes a second
   * referral: the same body returns the existing one, a different body is a 409.
   */
  async create(actor: Actor, body: CreateReferralRequest): Promise<IntakeResult> {
    const today = this.today();
    assertReceivedOn(body.receivedOn, today);
    const hash = intakeHash(body.patientId, body);
    try {
      return await this.dataSource.transaction((manager) => this.intake(manager, actor, body, hash, today));
    } catch (error) {
      // Two identical intakes at once: the loser finds the winner's referral.
      if (!isUniqueViolation(error, 'referral_external_reference_key')) throw error;
      return this.dataSource.transaction((manager) => this.intake(manager, actor, body, hash, today));
    }
  }

  private async intake(
    manager: EntityManager,
    actor: Actor,
    body: CreateReferralRequest,
    hash: string,
    today: string,
  ): Promise<IntakeResult> {
    const patient = await this.audit.inScope(
      actor,
      await this.patients.loadInScope(manager, actor, 'read', body.patientId, 'create-referral'),
      {
        action: 'create',
        subject: 'Referral',
        fields: (p) => ({ serviceId: p.serviceId, practiceId: p.gpPracticeId }),
        refusal: () => ({ entityType: 'Referral', entityId: null, patientId: body.patientId, action: 'create' }),
        notFound: patientNotFound,
      },
    );
    if (body.externalReference) {
      const existing = await manager
        .getRepository(Referral)
        .findOneBy({ serviceId: patient.serviceId, externalReference: body.externalReference });
      if (existing) {
        if (existing.requestHash !== hash) {
          throw new ReferralError(ReferralErrorCode.ExternalReferenceConflict, 'A different referral already has this external reference');
        }
        await this.audit.allowed(manager, actor, {
          entityType: 'Referral',
          entityId: existing.id,
          patientId: existing.patientId,
          action: 'read',
        });
        return { referral: await this.detail(manager, existing, today), created: false };
      }
    }
    const repository = manager.getRepository(Referral);
    const referral = repository.create({
      serviceId: patient.serviceId,
      patientId: patient.id,
      practiceId: patient.gpPracticeId,
      referredByUserId: actor.userId,
      priority: body.priority,
      reason: body.reason.trim(),
      redFlags: { ...body.redFlags },
      receivedOn: body.receivedOn ?? today,
      externalReference: body.externalReference ?? null,
      requestHash: hash,
      status: 'received',
      modalities: [],
      introSession: false,
      redirectDestination: null,
      statusReason: null,
      version: 1,
    });
    await repository.insert(referral);
    const statusChangeId = await this.recordStatus(manager, actor, referral.id, null, 'received', null);
    await writeOutbox(manager, REFERRAL_RECEIVED, { referralId: referral.id, statusChangeId });
    // RTT: the clock starts on the date the service receives the referral.
    await applyClock(manager, referral.id, { type: 'received', on: referral.receivedOn });
    await this.audit.allowed(manager, actor, { entityType: 'Referral', entityId: referral.id, patientId: patient.id, action: 'create' });
    return { referral: await this.detail(manager, referral, today), created: true };
  }

  async get(actor: Actor, id: string): Promise<ReferralDetailResponse> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.loadInScope(manager, actor, 'read', id, 'read');
      await this.audit.allowed(manager, actor, { entityType: 'Referral', entityId: id, patientId: referral.patientId, action: 'read' });
      return this.detail(manager, referral, this.today());
    });
  }

  async list(actor: Actor, query: ListReferralsQuery): Promise<ReferralPage> {
    const limit = query.limit ?? 25;
    const scope = ListScope.of(actor.ability, 'read', 'Referral', REFERRAL_COLUMNS);
    if (query.status) scope.and('r.status = ?', query.status);
    if (query.priority) scope.and('r.priority = ?', query.priority);
    if (query.practiceId) scope.and('r.practice_id = ?', query.practiceId);
    if (query.patientId) scope.and('r.patient_id = ?', query.patientId);
    const counted = scope.copy();
    if (query.cursor) {
      const [receivedOn, id] = decodeCursor(query.cursor, [isIsoDate, isUuid]);
      scope.and('(r.received_on, r.id) < (?, ?)', receivedOn, id);
    }
    const today = this.today();
    return this.dataSource.transaction(async (manager) => {
      const rows: Referral[] = await manager.query(
        `SELECT ${REFERRAL_AS_ENTITY} FROM referral r WHERE ${scope.where} ORDER BY r.received_on DESC, r.id DESC LIMIT ${limit + 1}`,
        scope.params,
      );
      const [{ total }]: { total: number }[] = await manager.query(
        `SELECT count(*)::int AS total FROM referral r WHERE ${counted.where}`,
        counted.params,
      );
      const periods = await loadPeriodsFor(
        manager,
        rows.slice(0, limit).map((r) => r.id),
      );
      const page = toPage(
        rows,
        limit,
        (r) => [r.receivedOn, r.id],
        (r) => toReferralResponse(r, periods.get(r.id) ?? [], today),
      );
      await this.audit.allowedMany(
        manager,
        actor,
        page.items.map((r) => ({ entityType: 'Referral', entityId: r.id, patientId: r.patientId, action: 'list' })),
      );
      return { ...page, total };
    });
  }

  /**
   * The referrals a clinician may triage that await it (received, including those whose requested information
   * arrived): urgent first, then the longest waiting; the first `limit`, with the total.
   */
  async triageQueue(actor: Actor, limit = 100): Promise<TriageQueue> {
    const scope = ListScope.of(actor.ability, 'triage', 'Referral', REFERRAL_COLUMNS).and('r.status = ?', 'received');
    const today = this.today();
    return this.dataSource.transaction(async (manager) => {
      const rows: Referral[] = await manager.query(
        `SELECT ${REFERRAL_AS_ENTITY} FROM referral r WHERE ${scope.where}
          ORDER BY CASE r.priority WHEN 'urgent' THEN 0 ELSE 1 END, r.received_on, r.created_at, r.id LIMIT ${limit}`,
        scope.params,
      );
      const [{ total }]: { total: number }[] = await manager.query(
        `SELECT count(*)::int AS total FROM referral r WHERE ${scope.where}`,
        scope.params,
      );
      const periods = await loadPeriodsFor(
        manager,
        rows.map((r) => r.id),
      );
      const patients = await this.patients.summaries(
        manager,
        rows.map((r) => r.patientId),
      );
      const items = rows.map((r): TriageQueueEntry => {
        const patient = patients.get(r.patientId);
        return {
          ...toReferralResponse(r, periods.get(r.id) ?? [], today),
          patientName: patient ? `${patient.familyName.toUpperCase()}, ${patient.givenName}` : '',
          nhsNumber: patient?.nhsNumber ?? '',
        };
      });
      await this.audit.allowedMany(
        manager,
        actor,
        items.map((r) => ({ entityType: 'Referral', entityId: r.id, patientId: r.patientId, action: 'triage-queue' })),
      );
      return { items, total };
    });
  }

  /** Triage by a clinician: accept (with modalities), reject or redirect (with reason), or ask for more information. */
  async triage(actor: Actor, id: string, body: TriageRequest): Promise<ReferralDetailResponse> {
    assertTriageComplete(body);
    return this.change(
      actor,
      id,
      'triage',
      {
        version: body.version,
        steps: [{ to: TRIAGE_TARGET[body.outcome], reason: body.reason ?? null }],
        statusReason: body.reason ?? null,
        fields:
          body.outcome === 'accept'
            ? { modalities: body.modalities, introSession: body.introSession ?? false }
            : body.outcome === 'redirect'
              ? { redirectDestination: body.destination }
              : {},
        clock: triageClockEvent(body.outcome, this.today()),
        audit: { action: 'triage' },
      },
      async (manager, referral, statusChangeId) => {
        // The referring practice's GPs hear of every triage outcome.
        await writeOutbox(manager, REFERRAL_TRIAGED, { referralId: referral.id, statusChangeId: statusChangeId as string });
      },
    );
  }

  async infoReceived(actor: Actor, id: string, body: VersionRequest): Promise<ReferralDetailResponse> {
    return this.change(actor, id, 'update', {
      version: body.version,
      steps: [{ to: 'received', reason: null }],
      statusReason: null,
      audit: { action: 'info-received' },
    });
  }

  /** Any open referral may be discharged; a running clock stops as a non-treatment stop. */
  async discharge(actor: Actor, id: string, body: DischargeRequest): Promise<ReferralDetailResponse> {
    return this.change(
      actor,
      id,
      'triage',
      {
        version: body.version,
        steps: [{ to: 'discharged', reason: body.reason }],
        statusReason: body.reason,
        clock: { type: 'non-treatment-stop', on: this.today(), reason: body.stopReason ?? 'discharged-to-gp' },
        audit: { action: 'discharge' },
      },
      async (manager, referral, statusChangeId) => {
        await writeOutbox(manager, REFERRAL_DISCHARGED, { referralId: referral.id, statusChangeId: statusChangeId as string });
      },
    );
  }

  async enteredInError(actor: Actor, id: string, body: VersionedReasonRequest): Promise<ReferralDetailResponse> {
    return this.change(actor, id, 'correct', {
      version: body.version,
      steps: [{ to: 'entered-in-error', reason: body.reason }],
      statusReason: body.reason,
      clock: { type: 'non-treatment-stop', on: this.today(), reason: 'entered-in-error' },
      audit: { action: 'entered-in-error' },
    });
  }

  /** A clinician's decision to monitor without intervention: a non-treatment stop, reviewed every 12 weeks. */
  async startActiveMonitoring(actor: Actor, id: string, body: VersionedReasonRequest): Promise<ReferralDetailResponse> {
    const today = this.today();
    return this.change(
      actor,
      id,
      'triage',
      {
        version: body.version,
        clock: (status, periods) => activeMonitoringStop(status, periods, today),
        audit: { action: 'active-monitoring' },
      },
      async (manager, referral) => {
        await this.tasks.raise(manager, {
          serviceId: referral.serviceId,
          kind: 'active-monitoring-review',
          patientId: referral.patientId,
          referralId: referral.id,
          assigneeUserId: actor.userId,
          dueOn: addDays(today, ACTIVE_MONITORING_REVIEW_DAYS),
          sourceKey: `active-monitoring-review:${referral.id}:${today}`,
        });
      },
    );
  }

  /** A decision to treat after active monitoring starts a new clock and puts the patient back on their lists. */
  async decisionToTreat(actor: Actor, id: string, body: VersionRequest): Promise<ReferralDetailResponse> {
    const today = this.today();
    return this.change(actor, id, 'triage', {
      version: body.version,
      clock: (status, periods) => decisionToTreatStart(status, periods, today),
      audit: { action: 'decision-to-treat' },
    });
  }

  /** Patient-initiated delays are recorded and reported, never subtracted (no pauses since 2015). */
  async addDelay(actor: Actor, id: string, body: CreateDelayRequest): Promise<ReferralDetailResponse> {
    assertDelayDates(body.startsOn, body.endsOn);
    const today = this.today();
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.loadInScope(manager, actor, 'update', id, 'add-delay');
      assertTakesDelays(referral.status);
      const [delay]: { id: string }[] = await manager.query(
        `INSERT INTO patient_delay (referral_id, starts_on, ends_on, reason, declined_offer, recorded_by_user_id, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [id, body.startsOn, body.endsOn ?? null, body.reason.trim(), body.declinedOffer ?? false, actor.userId, this.clock.now()],
      );
      if (delayNeedsReview(body.startsOn, body.endsOn ?? null, today)) {
        await this.tasks.raise(manager, delayReviewTask(referral, delay.id, today));
      }
      await this.audit.allowed(manager, actor, {
        entityType: 'PatientDelay',
        entityId: delay.id,
        patientId: referral.patientId,
        action: 'create',
      });
      return this.detail(manager, referral, today);
    });
  }

  /** A change a user asks for on a referral they may act on, at the version they last read, in its own transaction. */
  private async change(
    actor: Actor,
    id: string,
    action: Action,
    change: ReferralChange & { version: number },
    effects?: ChangeEffects,
  ): Promise<ReferralDetailResponse> {
    const today = this.today();
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.loadInScope(manager, actor, action, id, change.audit.action);
      if (referral.version !== change.version) throw new StaleVersion('Referral', change.version);
      const { referral: next, periods } = await this.applyChange(manager, actor, referral, change, effects);
      return this.detail(manager, next, today, periods);
    });
  }

  /**
   * The one way a referral changes, in the caller's transaction: the rules
   * first (each status step against the machine, the clock's preconditions),
   * then the versioned UPDATE that serialises concurrent callers, then status
   * history, clock, extra effects, waiting lists and audit.
   */
  async applyChange(
    manager: EntityManager,
    actor: Actor,
    referral: Referral,
    change: ReferralChange,
    effects?: ChangeEffects,
  ): Promise<{ referral: Referral; periods: ClockPeriod[] }> {
    const steps = change.steps ?? [];
    const statuses = [referral.status, ...steps.map((step) => step.to)];
    steps.forEach((step, i) => assertTransition(statuses[i], step.to));
    const before = await loadPeriods(manager, referral.id);
    const event = typeof change.clock === 'function' ? change.clock(referral.status, before) : change.clock;
    // A change a user asked for always moves the version on, so two users cannot both act on what they read.
    const bump = change.version === undefined ? steps.length : Math.max(steps.length, 1);
    const next: Referral = {
      ...referral,
      ...change.fields,
      status: statuses[statuses.length - 1],
      statusReason: change.statusReason === undefined ? referral.statusReason : change.statusReason,
      version: referral.version + bump,
    };
    if (bump > 0) {
      const updated = await execute(
        manager,
        `UPDATE referral SET status = $3, status_reason = $4, modalities = $5, intro_session = $6, redirect_destination = $7,
                version = version + $8, updated_at = $9
          WHERE id = $1 AND version = $2`,
        [
          referral.id,
          referral.version,
          next.status,
          next.statusReason,
          next.modalities,
          next.introSession,
          next.redirectDestination,
          bump,
          this.clock.now(),
        ],
      );
      if (updated !== 1) throw new StaleVersion('Referral', referral.version);
    }
    let statusChangeId: string | null = null;
    for (const [i, step] of steps.entries()) {
      statusChangeId = await this.recordStatus(manager, actor, referral.id, statuses[i], step.to, step.reason);
    }
    const periods = event ? await applyClock(manager, referral.id, event, before) : before;
    if (effects) await effects(manager, next, statusChangeId);
    await syncWaitingList(manager, next, periods);
    await this.audit.allowed(manager, actor, {
      entityType: change.audit.entityType ?? 'Referral',
      entityId: change.audit.entityId ?? referral.id,
      patientId: referral.patientId,
      action: change.audit.action,
    });
    return { referral: next, periods };
  }

  /** A care pathway was agreed at the assessment: an accepted referral counts as assessed and leaves the assessment list. */
  async markAssessed(manager: EntityManager, actor: Actor, referralId: string): Promise<void> {
    const referral = await manager.getRepository(Referral).findOne({ where: { id: referralId }, lock: { mode: 'pessimistic_write' } });
    const steps = referral ? assessedSteps(referral.status) : [];
    if (!referral || steps.length === 0) return;
    await this.applyChange(manager, actor, referral, { steps, audit: { action: 'assessed' } });
  }

  /**
   * RTT: the first attended therapy session is the first definitive treatment.
   * The clock stops for treatment and the referral is in treatment; later
   * sessions change nothing. Runs in the caller's transaction.
   */
  async startTreatment(manager: EntityManager, actor: Actor, referralId: string, on: string): Promise<boolean> {
    const referral = await manager.getRepository(Referral).findOne({ where: { id: referralId }, lock: { mode: 'pessimistic_write' } });
    const steps = referral ? treatmentSteps(referral.status) : [];
    if (!referral || steps.length === 0) return false;
    await this.applyChange(manager, actor, referral, {
      steps,
      clock: { type: 'treatment-started', on },
      audit: { action: 'start-treatment' },
    });
    return true;
  }

  private detail(
    manager: EntityManager,
    referral: Referral,
    today: string,
    periods?: readonly ClockPeriod[],
  ): Promise<ReferralDetailResponse> {
    return loadReferralDetail(manager, { tasks: this.tasks, patients: this.patients }, referral, today, periods);
  }

  private async recordStatus(
    manager: EntityManager,
    actor: Actor,
    referralId: string,
    from: ReferralStatus | null,
    to: ReferralStatus,
    reason: string | null,
  ): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO referral_status_change (referral_id, from_status, to_status, actor_user_id, reason, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [referralId, from, to, actor.userId, reason, this.clock.now()],
    );
    return row.id;
  }

  /** Referrals by id, for letters about them, in one query. */
  async summaries(manager: EntityManager, ids: string[]): Promise<Map<string, ReferralSummary>> {
    if (ids.length === 0) return new Map();
    const rows: {
      id: string;
      service_id: string;
      patient_id: string;
      practice_id: string;
      status: ReferralStatus;
      reason: string;
      received_on: string;
      status_reason: string | null;
      redirect_destination: string | null;
      assessed_at: Date | null;
    }[] = await manager.query(
      `SELECT r.id, r.service_id, r.patient_id, r.practice_id, r.status, r.reason, r.received_on, r.status_reason, r.redirect_destination,
              (SELECT min(a.starts_at) FROM referral_appointment a WHERE a.referral_id = r.id AND a.kind = 'assessment' AND a.outcome = 'attended') AS assessed_at
         FROM referral r WHERE r.id = ANY($1)`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          serviceId: r.service_id,
          patientId: r.patient_id,
          practiceId: r.practice_id,
          status: r.status,
          reason: r.reason,
          receivedOn: r.received_on,
          statusReason: r.status_reason,
          redirectDestination: r.redirect_destination,
          assessedOn: r.assessed_at ? londonDate(r.assessed_at) : null,
        },
      ]),
    );
  }

  /** One step of a referral's status history (what an event about it pointed at). */
  async statusChange(
    manager: EntityManager,
    id: string,
  ): Promise<{ referralId: string; toStatus: ReferralStatus; reason: string | null; changedAt: Date } | null> {
    const [row]: { referral_id: string; to_status: ReferralStatus; reason: string | null; changed_at: Date }[] = await manager.query(
      'SELECT referral_id, to_status, reason, changed_at FROM referral_status_change WHERE id = $1',
      [id],
    );
    return row ? { referralId: row.referral_id, toStatus: row.to_status, reason: row.reason, changedAt: row.changed_at } : null;
  }

  /** First assessments attended since an instant (optionally of some referrals, or of one service, only), oldest first. */
  async attendedAssessments(
    manager: EntityManager,
    since: Date,
    referralIds: string[] | null = null,
    serviceId: string | null = null,
  ): Promise<AttendedAssessment[]> {
    const rows: {
      id: string;
      referral_id: string;
      service_id: string;
      patient_id: string;
      starts_at: Date;
      outcome_recorded_by_user_id: string | null;
    }[] = await manager.query(
      `SELECT a.id, a.referral_id, r.service_id, r.patient_id, a.starts_at, a.outcome_recorded_by_user_id
         FROM referral_appointment a JOIN referral r ON r.id = a.referral_id
        WHERE a.kind = 'assessment' AND a.outcome = 'attended' AND a.starts_at >= $1 AND ($2::uuid[] IS NULL OR a.referral_id = ANY($2))
          AND ($3::uuid IS NULL OR r.service_id = $3)
        ORDER BY a.starts_at, a.id`,
      [since, referralIds, serviceId],
    );
    return rows.map((r) => ({
      appointmentId: r.id,
      referralId: r.referral_id,
      serviceId: r.service_id,
      patientId: r.patient_id,
      attendedOn: londonDate(r.starts_at),
      recordedByUserId: r.outcome_recorded_by_user_id,
    }));
  }
}

export function delayReviewTask(referral: Pick<Referral, 'id' | 'serviceId' | 'patientId'>, delayId: string, today: string): NewTask {
  return {
    serviceId: referral.serviceId,
    kind: 'delay-review',
    patientId: referral.patientId,
    referralId: referral.id,
    assigneeUserId: null,
    dueOn: today,
    sourceKey: `delay-review:${delayId}`,
  };
}
