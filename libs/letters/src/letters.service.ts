import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertReportPeriod,
  Clock,
  decodeCursor,
  isIsoTimestamp,
  isUuid,
  londonDate,
  londonDayRange,
  StaleVersion,
  toPage,
} from '@carepath/common';
import { Action, Actor, ListScope, OrganisationsService, UsersService } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { writeOutbox } from '@carepath/database';
import { HandoffsService } from '@carepath/handoffs';
import { PathwaysService } from '@carepath/pathways';
import { formatNhsNumber, PatientsService } from '@carepath/patients';
import { ReferralsService } from '@carepath/referrals';
import { TasksService } from '@carepath/tasks';
import {
  CreateLetterRequest,
  LetterheadRequest,
  LetterheadResponse,
  LetterOverdueResponse,
  LetterPage,
  LetterReport,
  LetterReportQuery,
  LetterResponse,
  LettersDueResponse,
  LetterSummaryResponse,
  ListLettersQuery,
  UpdateLetterRequest,
  WithdrawLetterRequest,
} from './dto/letters.dto';
import { composeLetter, LetterContent, LetterFacts } from './letter-content';
import type { LetterVariant } from './letter-document.entity';
import { Letterhead, LetterRenderer } from './letter-renderer';
import {
  assertEditable,
  assertHasPractice,
  assertTransition,
  LETTER_KINDS,
  LETTER_STATUSES,
  LetterDue,
  LetterKind,
  LetterStatus,
  lettersDue,
  LetterTrigger,
  patientCopyFor,
  percentiles,
} from './letter.rules';
import {
  deliveriesOf,
  LETTER_SCOPE_COLUMNS,
  LETTER_SELECT,
  LetterRow,
  loadLetter,
  moveLetter,
  recordCreated,
  scopeFields,
} from './letter.store';
import { LETTER_CHANGED, LETTER_QUEUED } from './letters.events';
import { LetterError, LetterErrorCode, letterNotFound } from './letters.errors';

/** A letter due on a referral, with who and what it concerns. */
export interface DueTrigger extends LetterDue {
  referralId: string;
  serviceId: string;
  patientId: string;
  /** Who recorded the assessment; for an MDT decision, found when its task is raised. */
  clinicianId: string | null;
}

const toSummary = (row: LetterRow): LetterSummaryResponse => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  referralId: row.referral_id,
  patientId: row.patient_id,
  practiceId: row.practice_id,
  patient: row.content.patientDetails,
  approvedByUserId: row.approved_by_user_id,
  approvedAt: row.approved_at?.toISOString() ?? null,
  deliveredAt: row.delivered_at?.toISOString() ?? null,
  acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
  failureReason: row.failure_reason,
  sha256: row.sha256,
  version: row.version,
  createdAt: row.created_at.toISOString(),
});

/**
 * GP letters: drafted from the record (by hand or when another library's event arrives), written by a clinician
 * while a draft, approved (which freezes the content and renders the PDF once), delivered and acknowledged.
 */
@Injectable()
export class LettersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralsService,
    private readonly patients: PatientsService,
    private readonly pathways: PathwaysService,
    private readonly handoffs: HandoffsService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly tasks: TasksService,
    private readonly renderer: LetterRenderer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A clinician drafts a letter of any kind about a referral of their service. */
  async create(actor: Actor, body: CreateLetterRequest): Promise<LetterResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.referralInScope(manager, actor, 'create', body.referralId);
      const id = await this.insertDraft(manager, body.kind, body.referralId, { sourceKey: null, eventAt: now, authorId: actor.userId });
      await this.audit.allowed(manager, actor, { entityType: 'Letter', entityId: id, patientId: referral.patientId, action: 'create' });
      return this.view(manager, (await loadLetter(manager, id)) as LetterRow);
    });
  }

  /**
   * The draft an event asks for, made once per event: `sourceKey` names the event, and a second delivery of it
   * finds the first draft. Returns null when the record has no practice to write to.
   */
  async draftFromEvent(
    kind: LetterKind,
    referralId: string,
    sourceKey: string,
    eventAt: Date,
    mdt: LetterFacts['mdt'] = null,
  ): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      const [existing]: { id: string }[] = await manager.query('SELECT id FROM letter WHERE source_key = $1', [sourceKey]);
      if (existing) return existing.id;
      return this.insertDraft(manager, kind, referralId, { sourceKey, eventAt, authorId: null, mdt });
    });
  }

  async get(actor: Actor, id: string): Promise<LetterResponse> {
    return this.dataSource.transaction(async (manager) => {
      const letter = await this.loadInScope(manager, actor, 'read', id, 'read');
      await this.audit.allowed(manager, actor, { entityType: 'Letter', entityId: id, patientId: letter.patient_id, action: 'read' });
      return this.view(manager, letter);
    });
  }

  /** The letters the actor may read (a service's, or a practice's delivered ones), newest first. */
  async list(actor: Actor, query: ListLettersQuery): Promise<LetterPage> {
    const scope = ListScope.of(actor.ability, 'read', 'Letter', LETTER_SCOPE_COLUMNS);
    if (query.referralId) scope.and('l.referral_id = ?', query.referralId);
    if (query.status) scope.and('l.status = ?', query.status);
    if (query.kind) scope.and('l.kind = ?', query.kind);
    if (query.cursor) scope.and('(l.created_at, l.id) < (?, ?)', ...decodeCursor(query.cursor, [isIsoTimestamp, isUuid]));
    return this.page(actor, scope, 'l.created_at DESC, l.id DESC', query.limit ?? 25, (r) => [r.created_at.toISOString(), r.id]);
  }

  /** A GP's inbox: letters delivered to their practice, unacknowledged first, newest first within each. */
  async inbox(actor: Actor, query: ListLettersQuery): Promise<LetterPage> {
    const scope = ListScope.of(actor.ability, 'acknowledge', 'Letter', LETTER_SCOPE_COLUMNS);
    if (query.cursor) {
      const [acknowledged, createdAt, cursorId] = decodeCursor(query.cursor, [(v) => v === '0' || v === '1', isIsoTimestamp, isUuid]);
      const a = scope.param(acknowledged === '1');
      scope.and(
        `((l.acknowledged_at IS NOT NULL) > ${a} OR ((l.acknowledged_at IS NOT NULL) = ${a} AND (l.created_at, l.id) < (?, ?)))`,
        createdAt,
        cursorId,
      );
    }
    return this.page(actor, scope, '(l.acknowledged_at IS NOT NULL), l.created_at DESC, l.id DESC', query.limit ?? 25, (r) => [
      r.acknowledged_at ? '1' : '0',
      r.created_at.toISOString(),
      r.id,
    ]);
  }

  /** The clinician writes the narrative headings of a draft, at the version they read. */
  async update(actor: Actor, id: string, body: UpdateLetterRequest): Promise<LetterResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const letter = await this.loadInScope(manager, actor, 'update', id, 'update', true);
      if (letter.version !== body.version) throw new StaleVersion('Letter', body.version);
      assertEditable(letter.status);
      const narrative = Object.fromEntries(Object.entries(body.content).filter(([, v]) => v !== undefined));
      const content: LetterContent = { ...letter.content, ...narrative };
      await manager.query('UPDATE letter SET content = $2, version = version + 1, updated_at = $3 WHERE id = $1', [id, content, now]);
      await this.audit.allowed(manager, actor, { entityType: 'Letter', entityId: id, patientId: letter.patient_id, action: 'update' });
      return this.view(manager, (await loadLetter(manager, id)) as LetterRow);
    });
  }

  /**
   * Approval by a clinician of the service freezes the content (the approver becomes the person completing the
   * record), renders the PDF once and keeps it with its SHA-256, and queues the letter for delivery. A patient who
   * reads large print gets a second, large-print PDF; one who needs easy read, braille, audio or BSL gets an admin task.
   */
  async approve(actor: Actor, id: string, body: { version: number }): Promise<LetterResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const letter = await this.loadInScope(manager, actor, 'approve', id, 'approve', true);
      if (letter.version !== body.version) throw new StaleVersion('Letter', body.version);
      assertTransition(letter.status, 'approved');
      const content = await this.signedBy(manager, letter.content, actor);
      const letterhead = await this.letterhead(manager, letter.service_id);
      const patient = (await this.patients.summaries(manager, [letter.patient_id])).get(letter.patient_id);
      const copy = patientCopyFor(patient?.communicationFormat ?? 'standard', patient?.communicationSupport ?? []);
      const variants: LetterVariant[] = copy === 'large-print' ? ['gp', 'large-print'] : ['gp'];
      for (const variant of variants) {
        const { pdf, sha256 } = await this.renderer.render({
          kind: letter.kind,
          content,
          letterhead,
          date: londonDate(now),
          renderedAt: now,
          variant,
        });
        await manager.query('INSERT INTO letter_document (letter_id, variant, pdf, sha256, rendered_at) VALUES ($1, $2, $3, $4, $5)', [
          id,
          variant,
          pdf,
          sha256,
          now,
        ]);
      }
      await manager.query('UPDATE letter SET content = $2 WHERE id = $1', [id, content]);
      const approved = await moveLetter(manager, letter, 'approved', {
        actorUserId: actor.userId,
        reason: null,
        at: now,
        set: { approved_by_user_id: actor.userId, approved_at: now },
      });
      if (!approved) throw new StaleVersion('Letter', body.version);
      const queued = (await moveLetter(manager, { ...letter, status: 'approved', version: letter.version + 1 }, 'queued', {
        actorUserId: null,
        reason: null,
        at: now,
      })) as string;
      await writeOutbox(manager, LETTER_QUEUED, { letterId: id, statusChangeId: queued });
      if (copy === 'alternative-format-task') {
        await this.tasks.raise(manager, {
          serviceId: letter.service_id,
          kind: 'letter-alternative-format',
          patientId: letter.patient_id,
          referralId: letter.referral_id,
          assigneeUserId: null,
          dueOn: londonDate(now),
          sourceKey: `letter-alternative-format:${id}`,
        });
      }
      await this.audit.allowed(manager, actor, { entityType: 'Letter', entityId: id, patientId: letter.patient_id, action: 'approve' });
      return this.view(manager, (await loadLetter(manager, id)) as LetterRow);
    });
  }

  /** A draft that should not be sent is withdrawn, with the reason. */
  async withdraw(actor: Actor, id: string, body: WithdrawLetterRequest): Promise<LetterResponse> {
    return this.step(actor, id, 'update', body.version, 'withdrawn', body.reason.trim());
  }

  /** An admin sends a failed letter again: it is queued afresh with its attempts reset. */
  async resend(actor: Actor, id: string, body: { version: number }): Promise<LetterResponse> {
    return this.step(actor, id, 'resend', body.version, 'queued', 'resent', { delivery_attempts: 0, failure_reason: null });
  }

  /** A GP of the patient's practice acknowledges a delivered letter; anyone else gets 404. */
  async acknowledge(actor: Actor, id: string, body: { version: number }): Promise<LetterResponse> {
    const now = this.clock.now();
    return this.step(actor, id, 'acknowledge', body.version, 'acknowledged', null, {
      acknowledged_at: now,
      acknowledged_by_user_id: actor.userId,
    });
  }

  /** The approved PDF (or the patient's large-print copy), exactly as delivered; every download is audited. */
  async pdf(actor: Actor, id: string, variant: LetterVariant): Promise<Buffer> {
    return this.dataSource.transaction(async (manager) => {
      const letter = await this.loadInScope(manager, actor, 'read', id, 'download');
      const [document]: { pdf: Buffer }[] = await manager.query('SELECT pdf FROM letter_document WHERE letter_id = $1 AND variant = $2', [
        id,
        variant,
      ]);
      if (!document) throw new LetterError(LetterErrorCode.PdfNotRendered, 'This letter has no such PDF: it is rendered when approved');
      await this.audit.allowed(manager, actor, { entityType: 'Letter', entityId: id, patientId: letter.patient_id, action: 'download' });
      return document.pdf;
    });
  }

  /**
   * A draft as its GP letter would print if the clinician approved it now (signed by them, dated today), for them to
   * read before approving. Rendered on each request and never stored or delivered; every preview is audited.
   */
  async preview(actor: Actor, id: string): Promise<Buffer> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const letter = await this.loadInScope(manager, actor, 'update', id, 'preview');
      assertEditable(letter.status);
      const { pdf } = await this.renderer.render({
        kind: letter.kind,
        content: await this.signedBy(manager, letter.content, actor),
        letterhead: await this.letterhead(manager, letter.service_id),
        date: londonDate(now),
        renderedAt: now,
        variant: 'gp',
        draft: true,
      });
      await this.audit.allowed(manager, actor, { entityType: 'Letter', entityId: id, patientId: letter.patient_id, action: 'preview' });
      return pdf;
    });
  }

  /**
   * The letters of the actor's service that are overdue now (DOMAIN-RULES: due 10 days after an attended assessment
   * or an MDT decision with no letter approved since), most overdue first, each with the patient it concerns.
   */
  async overdue(actor: Actor): Promise<LetterOverdueResponse[]> {
    return this.dataSource.transaction(async (manager) => {
      await this.audit.inScope(
        actor,
        { serviceId: actor.organisationId },
        {
          action: 'read',
          subject: 'Letter',
          fields: (service) => ({ serviceId: service.serviceId, practiceId: null, inGpInbox: false }),
          refusal: () => ({ entityType: 'Letter', entityId: null, patientId: null, action: 'list-overdue' }),
          notFound: letterNotFound,
        },
      );
      const overdue = [...(await this.dueFor(manager, null, new Date(0), actor.organisationId)).values()]
        .flat()
        .filter((d) => d.overdue)
        .sort((a, b) => b.daysOverdue - a.daysOverdue || a.referralId.localeCompare(b.referralId));
      const patients = await this.patients.summaries(manager, [...new Set(overdue.map((d) => d.patientId))]);
      await this.audit.allowedMany(
        manager,
        actor,
        overdue.map((d) => ({ entityType: 'Letter', entityId: null, patientId: d.patientId, action: 'list-overdue' })),
      );
      return overdue.map((d) => {
        const patient = patients.get(d.patientId);
        return {
          referralId: d.referralId,
          patientId: d.patientId,
          patient: {
            name: patient ? `${patient.givenName} ${patient.familyName}` : '',
            nhsNumber: patient ? formatNhsNumber(patient.nhsNumber) : '',
            dateOfBirth: patient?.dateOfBirth ?? '',
            postcode: patient?.postcode ?? '',
          },
          reason: d.reason,
          on: d.on,
          dueOn: d.dueOn,
          daysOverdue: d.daysOverdue,
        };
      });
    });
  }

  /**
   * Letters due on a referral: each attended assessment with no letter approved since, due 10 days after it.
   * Served here rather than on the referral, because referrals do not know that letters exist.
   */
  async due(actor: Actor, referralId: string): Promise<LettersDueResponse> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.referralInScope(manager, actor, 'read', referralId);
      const due = await this.dueFor(manager, [referralId], new Date(0));
      await this.audit.allowed(manager, actor, { entityType: 'Letter', entityId: null, patientId: referral.patientId, action: 'read-due' });
      return {
        referralId,
        lettersDue: (due.get(referralId) ?? []).map((d) => ({
          reason: d.reason,
          on: d.on,
          dueOn: d.dueOn,
          overdue: d.overdue,
          daysOverdue: d.daysOverdue,
        })),
      };
    });
  }

  /** Unanswered letter triggers of referrals, from attended assessments since `since`. */
  /**
   * Unanswered letter triggers since `since`: attended first assessments (from referrals) and MDT decisions (each
   * drafted an `mdt-progress` letter here, dated the meeting day), per referral.
   */
  async dueFor(
    manager: EntityManager,
    referralIds: string[] | null,
    since: Date,
    serviceId: string | null = null,
  ): Promise<Map<string, DueTrigger[]>> {
    const assessments = await this.referrals.attendedAssessments(manager, since, referralIds, serviceId);
    const decisions: { referral_id: string; service_id: string; patient_id: string; source_key: string; event_at: Date }[] =
      await manager.query(
        `SELECT referral_id, service_id, patient_id, source_key, event_at FROM letter
          WHERE source_key LIKE 'mdt.decision-recorded:%' AND event_at >= $1 AND ($2::uuid[] IS NULL OR referral_id = ANY($2))
            AND ($3::uuid IS NULL OR service_id = $3)`,
        [since, referralIds, serviceId],
      );
    const triggers: (LetterTrigger & { referralId: string; serviceId: string; patientId: string; clinicianId: string | null })[] = [
      ...assessments.map((a) => ({
        reason: 'assessment-attended' as const,
        on: a.attendedOn,
        sourceId: a.appointmentId,
        referralId: a.referralId,
        serviceId: a.serviceId,
        patientId: a.patientId,
        clinicianId: a.recordedByUserId,
      })),
      ...decisions.map((d) => ({
        reason: 'mdt-decision' as const,
        on: londonDate(d.event_at),
        sourceId: d.source_key.slice('mdt.decision-recorded:'.length),
        referralId: d.referral_id,
        serviceId: d.service_id,
        patientId: d.patient_id,
        clinicianId: null,
      })),
    ];
    const ids = [...new Set(triggers.map((t) => t.referralId))];
    const approvals: { referral_id: string; approved_at: Date }[] = await manager.query(
      'SELECT referral_id, approved_at FROM letter WHERE referral_id = ANY($1) AND approved_at IS NOT NULL',
      [ids],
    );
    const today = this.clock.today();
    const result = new Map<string, DueTrigger[]>();
    for (const id of ids) {
      const mine = triggers.filter((t) => t.referralId === id);
      const due = lettersDue(
        mine,
        approvals.filter((a) => a.referral_id === id).map((a) => londonDate(a.approved_at)),
        today,
      );
      result.set(
        id,
        due.map((d) => ({ ...(mine.find((t) => t.sourceId === d.sourceId) as (typeof mine)[number]), ...d })),
      );
    }
    return result;
  }

  /**
   * Per kind, for the letters drafted in the period: how many are in each state, and the median and 90th percentile
   * days from the event to approval, approval to delivery and delivery to acknowledgement; and how many are overdue now.
   */
  async report(actor: Actor, query: LetterReportQuery): Promise<LetterReport> {
    assertReportPeriod(query);
    const [start, end] = londonDayRange(query);
    const rows: {
      kind: LetterKind;
      status: LetterStatus;
      event_at: Date;
      approved_at: Date | null;
      delivered_at: Date | null;
      acknowledged_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT kind, status, event_at, approved_at, delivered_at, acknowledged_at FROM letter
          WHERE service_id = $1 AND ($2::timestamptz IS NULL OR created_at >= $2) AND ($3::timestamptz IS NULL OR created_at < $3)`,
      [actor.organisationId, start, end],
    );
    const days = (from: Date | null, to: Date | null) =>
      from && to ? Math.round(((to.getTime() - from.getTime()) / 86_400_000) * 10) / 10 : null;
    const spread = (values: (number | null)[]) => percentiles(values.filter((v): v is number => v !== null));
    const overdue = await this.dataSource.transaction(async (manager) =>
      [...(await this.dueFor(manager, null, new Date(0), actor.organisationId)).values()].flat().filter((d) => d.overdue),
    );
    return {
      generatedOn: this.clock.today(),
      rows: LETTER_KINDS.map((kind) => {
        const mine = rows.filter((r) => r.kind === kind);
        const counts = Object.fromEntries(LETTER_STATUSES.map((s) => [s, mine.filter((r) => r.status === s).length])) as Record<
          LetterStatus,
          number
        >;
        const approval = spread(mine.map((r) => days(r.event_at, r.approved_at)));
        const delivery = spread(mine.map((r) => days(r.approved_at, r.delivered_at)));
        const acknowledgement = spread(mine.map((r) => days(r.delivered_at, r.acknowledged_at)));
        return {
          kind,
          counts,
          eventToApprovalMedian: approval.median,
          eventToApprovalP90: approval.p90,
          approvalToDeliveryMedian: delivery.median,
          approvalToDeliveryP90: delivery.p90,
          deliveryToAcknowledgementMedian: acknowledgement.median,
          deliveryToAcknowledgementP90: acknowledgement.p90,
        };
      }),
      overdueNow: overdue.length,
    };
  }

  async putLetterhead(actor: Actor, body: LetterheadRequest): Promise<LetterheadResponse> {
    const serviceId = actor.organisationId;
    await this.dataSource.query(
      `INSERT INTO letter_letterhead (service_id, address, telephone, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (service_id) DO UPDATE SET address = EXCLUDED.address, telephone = EXCLUDED.telephone, updated_at = EXCLUDED.updated_at`,
      [serviceId, body.address.map((line) => line.trim()), body.telephone?.trim() || null, this.clock.now()],
    );
    return { serviceId, address: body.address.map((line) => line.trim()), telephone: body.telephone?.trim() || null };
  }

  private async step(
    actor: Actor,
    id: string,
    action: Action,
    version: number,
    to: 'withdrawn' | 'queued' | 'acknowledged',
    reason: string | null,
    set: Record<string, unknown> = {},
  ): Promise<LetterResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const letter = await this.loadInScope(manager, actor, action, id, to, true);
      if (letter.version !== version) throw new StaleVersion('Letter', version);
      assertTransition(letter.status, to);
      const changeId = await moveLetter(manager, letter, to, { actorUserId: actor.userId, reason, at: now, set });
      if (!changeId) throw new StaleVersion('Letter', version);
      if (to === 'queued') await writeOutbox(manager, LETTER_QUEUED, { letterId: id, statusChangeId: changeId });
      if (to === 'acknowledged') await writeOutbox(manager, LETTER_CHANGED, { letterId: id, statusChangeId: changeId });
      await this.audit.allowed(manager, actor, { entityType: 'Letter', entityId: id, patientId: letter.patient_id, action: to });
      return this.view(manager, (await loadLetter(manager, id)) as LetterRow);
    });
  }

  private async page(
    actor: Actor,
    scope: ListScope,
    order: string,
    limit: number,
    cursorOf: (row: LetterRow) => unknown[],
  ): Promise<LetterPage> {
    return this.dataSource.transaction(async (manager) => {
      const rows: LetterRow[] = await manager.query(
        `${LETTER_SELECT} WHERE ${scope.where} ORDER BY ${order} LIMIT ${limit + 1}`,
        scope.params,
      );
      const page = toPage(rows, limit, cursorOf, toSummary);
      await this.audit.allowedMany(
        manager,
        actor,
        rows.slice(0, limit).map((r) => ({ entityType: 'Letter', entityId: r.id, patientId: r.patient_id, action: 'list' })),
      );
      return page;
    });
  }

  private async insertDraft(
    manager: EntityManager,
    kind: LetterKind,
    referralId: string,
    origin: { sourceKey: string | null; eventAt: Date; authorId: string | null; mdt?: LetterFacts['mdt'] },
  ): Promise<string> {
    const now = this.clock.now();
    const facts = await this.facts(manager, kind, referralId, origin.authorId, origin.mdt ?? null);
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO letter (service_id, referral_id, patient_id, practice_id, kind, content, source_key, event_at, created_by_user_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
      [
        facts.serviceId,
        referralId,
        facts.patientId,
        facts.practiceId,
        kind,
        composeLetter(facts.facts),
        origin.sourceKey,
        origin.eventAt,
        origin.authorId,
        now,
      ],
    );
    await recordCreated(manager, id, origin.authorId, now);
    return id;
  }

  /** What a letter about a referral says, gathered from the libraries that own it, one call each. */
  private async facts(manager: EntityManager, kind: LetterKind, referralId: string, authorId: string | null, mdt: LetterFacts['mdt']) {
    const referral = (await this.referrals.summaries(manager, [referralId])).get(referralId);
    if (!referral) throw new LetterError(LetterErrorCode.ReferralNotFound, 'Referral not found');
    const patient = (await this.patients.summaries(manager, [referral.patientId])).get(referral.patientId);
    if (!patient) throw new LetterError(LetterErrorCode.ReferralNotFound, 'Referral not found');
    const organisations = await this.organisations.summaries(manager, [referral.serviceId, patient.gpPracticeId]);
    const practice = assertHasPractice(organisations.get(patient.gpPracticeId));
    const pathway = await this.pathways.summaryForReferral(manager, referralId);
    const handoffs =
      kind === 'discharge-summary' ? await this.handoffs.madeForPatient(manager, referral.serviceId, referral.patientId) : [];
    const author = authorId ? (await this.users.profiles(manager, [authorId])).get(authorId) : undefined;
    const facts: LetterFacts = {
      kind,
      patient,
      practice: { name: practice.name, odsCode: practice.odsCode ?? '' },
      serviceName: organisations.get(referral.serviceId)?.name ?? '',
      referral,
      assessedOn: referral.assessedOn,
      pathway,
      handoffs,
      mdt,
      author: author ? { name: author.name, discipline: author.discipline ?? author.role } : null,
    };
    return { facts, serviceId: referral.serviceId, patientId: referral.patientId, practiceId: practice.id };
  }

  /** The content with the actor as the person completing the record, as approval signs it. */
  private async signedBy(manager: EntityManager, content: LetterContent, actor: Actor): Promise<LetterContent> {
    const approver = (await this.users.profiles(manager, [actor.userId])).get(actor.userId);
    return { ...content, personCompletingRecord: { name: approver?.name ?? 'Unknown', discipline: approver?.discipline ?? 'clinician' } };
  }

  async letterhead(manager: EntityManager, serviceId: string): Promise<Letterhead> {
    const [row]: { address: string[]; telephone: string | null }[] = await manager.query(
      'SELECT address, telephone FROM letter_letterhead WHERE service_id = $1',
      [serviceId],
    );
    const service = (await this.organisations.summaries(manager, [serviceId])).get(serviceId);
    return { serviceName: service?.name ?? '', address: row?.address ?? [], telephone: row?.telephone ?? null };
  }

  /** A referral whose letters the actor may create or read (the service's clinicians and admins); otherwise 404. */
  private async referralInScope(manager: EntityManager, actor: Actor, action: Action, referralId: string) {
    return this.audit.inScope(actor, (await this.referrals.summaries(manager, [referralId])).get(referralId), {
      action,
      subject: 'Letter',
      fields: (referral) => ({ serviceId: referral.serviceId, practiceId: null, inGpInbox: false }),
      refusal: (referral) => ({
        entityType: 'Letter',
        entityId: null,
        patientId: referral?.patientId ?? null,
        action: `${action}-for-referral`,
      }),
      notFound: () => new LetterError(LetterErrorCode.ReferralNotFound, 'Referral not found'),
    });
  }

  private async loadInScope(
    manager: EntityManager,
    actor: Actor,
    action: Action,
    id: string,
    auditAction: string,
    lock = false,
  ): Promise<LetterRow> {
    return this.audit.inScope(actor, await loadLetter(manager, id, lock), {
      action,
      subject: 'Letter',
      fields: scopeFields,
      refusal: (letter) => ({ entityType: 'Letter', entityId: id, patientId: letter?.patient_id ?? null, action: auditAction }),
      notFound: letterNotFound,
    });
  }

  private async view(manager: EntityManager, row: LetterRow): Promise<LetterResponse> {
    const history: {
      from_status: string | null;
      to_status: string;
      reason: string | null;
      actor_user_id: string | null;
      changed_at: Date;
    }[] = await manager.query(
      'SELECT from_status, to_status, reason, actor_user_id, changed_at FROM letter_status_change WHERE letter_id = $1 ORDER BY seq',
      [row.id],
    );
    const deliveries = (await deliveriesOf(manager, [row.id])).get(row.id) ?? [];
    return {
      ...toSummary(row),
      content: row.content,
      history: history.map((h) => ({
        from: h.from_status,
        to: h.to_status,
        reason: h.reason,
        actorUserId: h.actor_user_id,
        at: h.changed_at.toISOString(),
      })),
      deliveries: deliveries.map((d) => ({ transport: d.transport, reference: d.reference, deliveredAt: d.deliveredAt.toISOString() })),
      largePrintCopy: row.large_print,
    };
  }
}
