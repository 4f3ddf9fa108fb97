import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, decodeCursor, InvalidTransition, isIsoDate, isUuid, StaleVersion, toPage, ValidationFailed } from '@carepath/common';
import { Action, Actor, asSubject, scopeToSql } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { execute, isUniqueViolation, writeOutbox } from '@carepath/database';
import { PatientError, PatientErrorCode, PatientsService } from '@carepath/patients';
import {
  CreateDelayRequest,
  CreateReferralRequest,
  DischargeRequest,
  ListReferralsQuery,
  ReferralDetailResponse,
  ReferralPage,
  TriageRequest,
  VersionedReasonRequest,
  VersionRequest,
} from './dto/referrals.dto';
import { ACTIVE_MONITORING_REVIEW_DAYS, addDays, ClockEvent, ClockPeriod, delayNeedsReview } from './referral-clock.rules';
import { assertTransition, isOpen, ReferralStatus, TRIAGE_TARGET } from './referral.rules';
import { Referral } from './referral.entity';
import { REFERRAL_TRIAGED } from './referrals.events';
import { applyClock, loadPeriods, loadPeriodsFor, raiseTask, syncWaitingList } from './referral.store';
import { loadReferralDetail, toReferralResponse } from './referral.view';
import { ReferralError, ReferralErrorCode } from './referrals.errors';

const REFERRAL_COLUMNS = { serviceId: 'r.service_id', practiceId: 'r.practice_id' };

/** A referral row selected straight into the entity's shape, so a list is one query. */
const REFERRAL_AS_ENTITY = `r.id, r.service_id AS "serviceId", r.patient_id AS "patientId", r.practice_id AS "practiceId",
  r.referred_by_user_id AS "referredByUserId", r.priority, r.reason, r.red_flags AS "redFlags", r.received_on AS "receivedOn",
  r.external_reference AS "externalReference", r.request_hash AS "requestHash", r.status, r.modalities, r.intro_session AS "introSession",
  r.redirect_destination AS "redirectDestination", r.status_reason AS "statusReason", r.version, r.created_at AS "createdAt",
  r.updated_at AS "updatedAt"`;

export interface IntakeResult {
  referral: ReferralDetailResponse;
  created: boolean;
}

interface Change {
  status?: ReferralStatus;
  reason?: string | null;
  fields?: Partial<Pick<Referral, 'modalities' | 'introSession' | 'redirectDestination'>>;
  /** The clock event, or a function of the current periods that returns it (and may refuse with a 409). */
  clock?: ClockEvent | ((before: readonly ClockPeriod[]) => ClockEvent);
}

function intakeHash(patientId: string, body: CreateReferralRequest): string {
  const redFlags = Object.fromEntries(Object.entries(body.redFlags ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  const canonical = JSON.stringify([patientId, body.priority, body.reason.trim(), body.receivedOn ?? null, redFlags]);
  return createHash('sha256').update(canonical).digest('hex');
}

@Injectable()
export class ReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return this.clock.today();
  }

  /** Loads a referral the actor may act on, or answers 404 after auditing the refused attempt. */
  async loadInScope(manager: EntityManager, actor: Actor, action: Action, id: string, auditAction: string): Promise<Referral> {
    const referral = await manager.getRepository(Referral).findOneBy({ id });
    if (
      !referral ||
      !actor.ability.can(action, asSubject('Referral', { serviceId: referral.serviceId, practiceId: referral.practiceId }))
    ) {
      throw await this.audit.notFound(
        actor,
        { entityType: 'Referral', entityId: id, patientId: referral?.patientId ?? null, action: auditAction },
        new ReferralError(ReferralErrorCode.ReferralNotFound, 'Referral not found'),
      );
    }
    return referral;
  }

  /**
   * A GP refers a patient registered at their own practice; an admin enters a
   * referral on a GP's behalf. The same external reference never makes a second
   * referral: the same body returns the existing one, a different body is a 409.
   */
  async create(actor: Actor, body: CreateReferralRequest): Promise<IntakeResult> {
    const today = this.today();
    if (body.receivedOn && body.receivedOn > today) {
      throw new ReferralError(ReferralErrorCode.ReceivedDateInFuture, 'receivedOn cannot be in the future', { field: 'receivedOn' });
    }
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
    const patient = await this.patients.loadInScope(manager, actor, 'read', body.patientId, 'create-referral');
    const scope = { serviceId: patient.serviceId, practiceId: patient.gpPracticeId };
    if (!actor.ability.can('create', asSubject('Referral', scope))) {
      throw await this.audit.notFound(
        actor,
        { entityType: 'Referral', entityId: null, patientId: patient.id, action: 'create' },
        new PatientError(PatientErrorCode.PatientNotFound, 'Patient not found'),
      );
    }
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
        return { referral: await loadReferralDetail(manager, existing, today), created: false };
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
    await this.recordStatus(manager, actor, referral.id, null, 'received', null);
    // RTT: the clock starts on the date the service receives the referral.
    await applyClock(manager, referral.id, { type: 'received', on: referral.receivedOn });
    await this.audit.allowed(manager, actor, { entityType: 'Referral', entityId: referral.id, patientId: patient.id, action: 'create' });
    return { referral: await loadReferralDetail(manager, referral, today), created: true };
  }

  async get(actor: Actor, id: string): Promise<ReferralDetailResponse> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.loadInScope(manager, actor, 'read', id, 'read');
      await this.audit.allowed(manager, actor, { entityType: 'Referral', entityId: id, patientId: referral.patientId, action: 'read' });
      return loadReferralDetail(manager, referral, this.today());
    });
  }

  async list(actor: Actor, query: ListReferralsQuery): Promise<ReferralPage> {
    const limit = query.limit ?? 25;
    const params: unknown[] = [];
    const where = [scopeToSql(actor.ability, 'read', 'Referral', REFERRAL_COLUMNS, params)];
    const filter = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.status) filter('r.status = ?', query.status);
    if (query.priority) filter('r.priority = ?', query.priority);
    if (query.practiceId) filter('r.practice_id = ?', query.practiceId);
    const countParams = [...params];
    const countWhere = [...where];
    if (query.cursor) {
      const [receivedOn, id] = decodeCursor(query.cursor, [isIsoDate, isUuid]);
      params.push(receivedOn, id);
      where.push(`(r.received_on, r.id) < ($${params.length - 1}, $${params.length})`);
    }
    const today = this.today();
    return this.dataSource.transaction(async (manager) => {
      const rows: Referral[] = await manager.query(
        `SELECT ${REFERRAL_AS_ENTITY} FROM referral r WHERE ${where.join(' AND ')} ORDER BY r.received_on DESC, r.id DESC LIMIT ${limit + 1}`,
        params,
      );
      const [{ total }]: { total: number }[] = await manager.query(
        `SELECT count(*)::int AS total FROM referral r WHERE ${countWhere.join(' AND ')}`,
        countParams,
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

  /** Triage by a clinician: accept (with modalities), reject or redirect (with reason), or ask for more information. */
  async triage(actor: Actor, id: string, body: TriageRequest): Promise<ReferralDetailResponse> {
    const missing: { field: string; messages: string[] }[] = [];
    if (body.outcome === 'accept' && !body.modalities?.length)
      missing.push({ field: 'modalities', messages: ['modalities are required to accept'] });
    if ((body.outcome === 'reject' || body.outcome === 'redirect') && !body.reason) {
      missing.push({ field: 'reason', messages: [`reason is required to ${body.outcome}`] });
    }
    if (body.outcome === 'redirect' && !body.destination)
      missing.push({ field: 'destination', messages: ['destination is required to redirect'] });
    if (missing.length) throw new ValidationFailed(missing);
    const target = TRIAGE_TARGET[body.outcome];
    const clockStop: Partial<Record<TriageRequest['outcome'], ClockEvent>> = {
      reject: { type: 'non-treatment-stop', on: this.today(), reason: 'rejected' },
      redirect: { type: 'non-treatment-stop', on: this.today(), reason: 'redirected' },
    };
    return this.change(
      actor,
      id,
      body.version,
      'triage',
      'triage',
      {
        status: target,
        reason: body.reason ?? null,
        fields:
          body.outcome === 'accept'
            ? { modalities: body.modalities, introSession: body.introSession ?? false }
            : body.outcome === 'redirect'
              ? { redirectDestination: body.destination }
              : {},
        clock: clockStop[body.outcome],
      },
      async (manager, referral, statusChangeId) => {
        // The referring practice's GPs hear of every triage outcome.
        await writeOutbox(manager, REFERRAL_TRIAGED, { referralId: referral.id, statusChangeId: statusChangeId as string });
      },
    );
  }

  async infoReceived(actor: Actor, id: string, body: VersionRequest): Promise<ReferralDetailResponse> {
    return this.change(actor, id, body.version, 'update', 'info-received', { status: 'received' });
  }

  /** Any open referral may be discharged; a running clock stops as a non-treatment stop. */
  async discharge(actor: Actor, id: string, body: DischargeRequest): Promise<ReferralDetailResponse> {
    return this.change(actor, id, body.version, 'triage', 'discharge', {
      status: 'discharged',
      reason: body.reason,
      clock: { type: 'non-treatment-stop', on: this.today(), reason: body.stopReason ?? 'discharged-to-gp' },
    });
  }

  async enteredInError(actor: Actor, id: string, body: VersionedReasonRequest): Promise<ReferralDetailResponse> {
    return this.change(actor, id, body.version, 'correct', 'entered-in-error', {
      status: 'entered-in-error',
      reason: body.reason,
      clock: { type: 'non-treatment-stop', on: this.today(), reason: 'entered-in-error' },
    });
  }

  /** A clinician's decision to monitor without intervention: a non-treatment stop, reviewed every 12 weeks. */
  async startActiveMonitoring(actor: Actor, id: string, body: VersionedReasonRequest): Promise<ReferralDetailResponse> {
    const today = this.today();
    return this.change(
      actor,
      id,
      body.version,
      'triage',
      'active-monitoring',
      {
        reason: body.reason,
        clock: (before) => {
          const last = before[before.length - 1];
          if (!last || last.stoppedOn !== null)
            throw new ReferralError(ReferralErrorCode.ClockNotRunning, 'Active monitoring starts only while the clock is running');
          return { type: 'non-treatment-stop', on: today, reason: 'active-monitoring' };
        },
      },
      async (manager, referral) => {
        await raiseTask(manager, {
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
    return this.change(actor, id, body.version, 'triage', 'decision-to-treat', {
      clock: (before) => {
        if (before[before.length - 1]?.stopReason !== 'active-monitoring') {
          throw new ReferralError(ReferralErrorCode.NotInActiveMonitoring, 'A decision to treat follows active monitoring');
        }
        return { type: 'decision-to-treat', on: this.today() };
      },
    });
  }

  /** Patient-initiated delays are recorded and reported, never subtracted (no pauses since 2015). */
  async addDelay(actor: Actor, id: string, body: CreateDelayRequest): Promise<ReferralDetailResponse> {
    if (body.endsOn && body.endsOn < body.startsOn) {
      throw new ReferralError(ReferralErrorCode.DelayEndsBeforeItStarts, 'endsOn must be on or after startsOn', { field: 'endsOn' });
    }
    const today = this.today();
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.loadInScope(manager, actor, 'update', id, 'add-delay');
      if (!isOpen(referral.status))
        throw new ReferralError(ReferralErrorCode.ReferralClosed, `A ${referral.status} referral takes no delays`, {
          current: referral.status,
        });
      const [delay]: { id: string }[] = await manager.query(
        `INSERT INTO patient_delay (referral_id, starts_on, ends_on, reason, declined_offer, recorded_by_user_id, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [id, body.startsOn, body.endsOn ?? null, body.reason.trim(), body.declinedOffer ?? false, actor.userId, this.clock.now()],
      );
      if (delayNeedsReview(body.startsOn, body.endsOn ?? null, today)) {
        await raiseTask(manager, delayReviewTask(referral, delay.id, today));
      }
      await this.audit.allowed(manager, actor, {
        entityType: 'PatientDelay',
        entityId: delay.id,
        patientId: referral.patientId,
        action: 'create',
      });
      return loadReferralDetail(manager, referral, today);
    });
  }

  /**
   * The one way a referral changes: scope check, version check (fast 409),
   * transition check, then the versioned UPDATE that serialises concurrent
   * callers, then history, clock, waiting lists, extra effects and audit, all
   * in one transaction.
   */
  private async change(
    actor: Actor,
    id: string,
    version: number,
    action: Action,
    auditAction: string,
    change: Change,
    effects?: (manager: EntityManager, referral: Referral, statusChangeId: string | null) => Promise<void>,
  ): Promise<ReferralDetailResponse> {
    const today = this.today();
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.loadInScope(manager, actor, action, id, auditAction);
      if (referral.version !== version) throw new StaleVersion('Referral', version);
      if (change.status) assertTransition(referral.status, change.status);
      else if (!isOpen(referral.status)) throw new InvalidTransition('Referral', referral.status, auditAction);
      const next: Referral = {
        ...referral,
        ...change.fields,
        status: change.status ?? referral.status,
        statusReason: change.status ? (change.reason ?? null) : referral.statusReason,
        version: referral.version + 1,
      };
      const updated = await execute(
        manager,
        `UPDATE referral SET status = $3, status_reason = $4, modalities = $5, intro_session = $6, redirect_destination = $7,
                version = version + 1, updated_at = $8
          WHERE id = $1 AND version = $2`,
        [id, version, next.status, next.statusReason, next.modalities, next.introSession, next.redirectDestination, this.clock.now()],
      );
      if (updated !== 1) throw new StaleVersion('Referral', version);
      const statusChangeId = change.status
        ? await this.recordStatus(manager, actor, id, referral.status, change.status, change.reason ?? null)
        : null;
      const before = await loadPeriods(manager, id);
      const event = typeof change.clock === 'function' ? change.clock(before) : change.clock;
      const periods = event ? await applyClock(manager, id, event, before) : before;
      if (effects) await effects(manager, next, statusChangeId);
      await syncWaitingList(manager, next, periods);
      await this.audit.allowed(manager, actor, {
        entityType: 'Referral',
        entityId: id,
        patientId: referral.patientId,
        action: auditAction,
      });
      return loadReferralDetail(manager, next, today, periods);
    });
  }

  /** A care pathway was agreed at the assessment: an accepted referral counts as assessed and leaves the assessment list. */
  async markAssessed(manager: EntityManager, actor: Actor, referralId: string): Promise<void> {
    const referral = await manager.getRepository(Referral).findOne({ where: { id: referralId }, lock: { mode: 'pessimistic_write' } });
    if (!referral || referral.status !== 'triaged-accepted') return;
    const next = await this.advance(manager, actor, referral, 'waiting', 'assessed: care pathway agreed');
    await syncWaitingList(manager, next, await loadPeriods(manager, referralId));
  }

  /**
   * RTT: the first attended therapy session is the first definitive treatment.
   * The clock stops for treatment and the referral is in treatment; later
   * sessions change nothing. Runs in the caller's transaction.
   */
  async startTreatment(manager: EntityManager, actor: Actor, referralId: string, on: string): Promise<boolean> {
    let referral = await manager.getRepository(Referral).findOne({ where: { id: referralId }, lock: { mode: 'pessimistic_write' } });
    if (!referral || (referral.status !== 'triaged-accepted' && referral.status !== 'waiting')) return false;
    if (referral.status === 'triaged-accepted')
      referral = await this.advance(manager, actor, referral, 'waiting', 'assessed: care pathway agreed');
    referral = await this.advance(manager, actor, referral, 'in-treatment', 'first therapy session attended');
    const periods = await applyClock(manager, referralId, { type: 'treatment-started', on });
    await syncWaitingList(manager, referral, periods);
    return true;
  }

  /** Moves a referral on because of an appointment outcome (used by the appointments service, in its transaction). */
  async advance(manager: EntityManager, actor: Actor, referral: Referral, to: ReferralStatus, reason: string | null): Promise<Referral> {
    assertTransition(referral.status, to);
    const updated = await execute(
      manager,
      'UPDATE referral SET status = $3, version = version + 1, updated_at = $4 WHERE id = $1 AND version = $2',
      [referral.id, referral.version, to, this.clock.now()],
    );
    if (updated !== 1) throw new StaleVersion('Referral', referral.version);
    await this.recordStatus(manager, actor, referral.id, referral.status, to, reason);
    return { ...referral, status: to, version: referral.version + 1 };
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
}

export function delayReviewTask(referral: Pick<Referral, 'id' | 'serviceId' | 'patientId'>, delayId: string, today: string) {
  return {
    serviceId: referral.serviceId,
    kind: 'delay-review' as const,
    patientId: referral.patientId,
    referralId: referral.id,
    assigneeUserId: null,
    dueOn: today,
    sourceKey: `delay-review:${delayId}`,
  };
}
