import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, decodeCursor, encodeCursor, isIsoTimestamp, isUuid, StaleVersion } from '@carepath/common';
import { Action, Actor, ListScope, OrganisationsService } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { execute, writeOutbox } from '@carepath/database';
import { DirectoryService } from '@carepath/directory';
import { ConsentsService, patientNotFound, PatientsService, PatientSummary } from '@carepath/patients';
import {
  CreateHandoffRequest,
  HandoffChangeResponse,
  HandoffForReceiver,
  HandoffForRequester,
  HandoffPage,
  HandoffStatusRequest,
  ListHandoffsQuery,
} from './dto/handoffs.dto';
import { assertHandoffTransition, assertStatusDetails, HandoffOutcome, HandoffStatus, Side } from './handoff.rules';
import { HANDOFF_CHANGED } from './handoffs.events';
import { HandoffError, HandoffErrorCode } from './handoffs.errors';

interface HandoffRecord {
  id: string;
  service_id: string;
  patient_id: string;
  directory_service_id: string;
  organisation_id: string;
  consent_id: string;
  requested_by_user_id: string;
  reason: string;
  status: HandoffStatus;
  status_reason: string | null;
  outcome: HandoffOutcome | null;
  version: number;
  created_at: Date;
}

/** A handoff with what the views show of the consent, the directory service, its organisation and the patient. */
interface HandoffRow extends HandoffRecord {
  consent_active: boolean;
  directory_service_name: string;
  organisation_name: string;
  patient: PatientSummary;
}

const HANDOFF_SELECT = 'SELECT h.* FROM handoff h';

const SCOPE_COLUMNS = { serviceId: 'h.service_id', organisationId: 'h.organisation_id' };

/** Handoffs of patients to community services: FHIR Task workflow, gated by consent, minimum data for the receiver. */
@Injectable()
export class HandoffsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly patients: PatientsService,
    private readonly consents: ConsentsService,
    private readonly directory: DirectoryService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, body: CreateHandoffRequest): Promise<HandoffForRequester> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const patient = await this.audit.inScope(
        actor,
        await this.patients.loadInScope(manager, actor, 'read', body.patientId, 'create-handoff'),
        {
          action: 'create',
          subject: 'Handoff',
          fields: (p) => ({ serviceId: p.serviceId }),
          refusal: () => ({ entityType: 'Handoff', entityId: null, patientId: body.patientId, action: 'create' }),
          notFound: patientNotFound,
        },
      );
      const service = (await this.directory.summaries(manager, [body.serviceId])).get(body.serviceId);
      if (!service)
        throw new HandoffError(HandoffErrorCode.UnknownDirectoryService, 'serviceId is not a directory service', { field: 'serviceId' });
      const consent = await this.consents.activeConsent(manager, patient.id, service.organisationId);
      if (consent?.id !== body.consentId) {
        throw new HandoffError(
          HandoffErrorCode.ConsentNotActive,
          "The patient has no active consent to share with this service's organisation",
          {
            field: 'consentId',
          },
        );
      }
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO handoff (service_id, patient_id, directory_service_id, organisation_id, consent_id, requested_by_user_id, reason, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', $8, $8) RETURNING id`,
        [patient.serviceId, patient.id, body.serviceId, service.organisationId, body.consentId, actor.userId, body.reason.trim(), now],
      );
      await this.recordChange(manager, actor, id, null, 'requested', null, null, now);
      await this.audit.allowed(manager, actor, { entityType: 'Handoff', entityId: id, patientId: patient.id, action: 'create' });
      return this.requesterView((await this.load(manager, id)) as HandoffRow, (await this.histories(manager, [id])).get(id) ?? []);
    });
  }

  async get(actor: Actor, id: string): Promise<HandoffForReceiver | HandoffForRequester> {
    return this.dataSource.transaction(async (manager) => {
      const handoff = await this.loadInScope(manager, actor, 'read', id, 'read');
      await this.audit.allowed(manager, actor, { entityType: 'Handoff', entityId: id, patientId: handoff.patient_id, action: 'read' });
      return this.viewFor(manager, actor, handoff);
    });
  }

  /** A social prescriber's inbox (their organisation's handoffs with active consent), or the handoffs a clinician made; newest first. */
  async list(actor: Actor, query: ListHandoffsQuery): Promise<HandoffPage> {
    const limit = query.limit ?? 25;
    const scope = ListScope.of(actor.ability, 'read', 'Handoff', SCOPE_COLUMNS);
    return this.dataSource.transaction(async (manager) => {
      if (actor.role === 'social_prescriber')
        scope.and('h.consent_id = ANY(?)', await this.consents.activeGivenTo(manager, actor.organisationId));
      else scope.and('h.requested_by_user_id = ?', actor.userId);
      if (query.status) scope.and('h.status = ?', query.status);
      if (query.cursor) {
        const [createdAt, id] = decodeCursor(query.cursor, [isIsoTimestamp, isUuid]);
        scope.and('(h.created_at, h.id) < (?, ?)', createdAt, id);
      }
      const rows: HandoffRecord[] = await manager.query(
        `${HANDOFF_SELECT} WHERE ${scope.where} ORDER BY h.created_at DESC, h.id DESC LIMIT ${limit + 1}`,
        scope.params,
      );
      const pageRows = await this.withDetails(manager, rows.slice(0, limit));
      const histories = await this.histories(
        manager,
        pageRows.map((r) => r.id),
      );
      const items = pageRows.map((row) => this.view(actor, row, histories.get(row.id) ?? []));
      await this.audit.allowedMany(
        manager,
        actor,
        pageRows.map((r) => ({ entityType: 'Handoff', entityId: r.id, patientId: r.patient_id, action: 'list' })),
      );
      const last = pageRows[pageRows.length - 1];
      return { items, nextCursor: rows.length > limit ? encodeCursor([last.created_at.toISOString(), last.id]) : null };
    });
  }

  /** The handoffs of one patient the actor may see (the requesting service's), newest first, at most 100. */
  async forPatient(actor: Actor, patientId: string): Promise<HandoffForRequester[]> {
    return this.dataSource.transaction(async (manager) => {
      const patient = await this.audit.inScope(actor, await this.patients.loadInScope(manager, actor, 'read', patientId, 'list-handoffs'), {
        action: 'read',
        subject: 'Handoff',
        fields: (p) => ({ serviceId: p.serviceId }),
        refusal: () => ({ entityType: 'Handoff', entityId: null, patientId, action: 'list' }),
        notFound: patientNotFound,
      });
      const scope = ListScope.of(actor.ability, 'read', 'Handoff', SCOPE_COLUMNS).and('h.patient_id = ?', patient.id);
      const rows: HandoffRecord[] = await manager.query(
        `${HANDOFF_SELECT} WHERE ${scope.where} ORDER BY h.created_at DESC, h.id DESC LIMIT 100`,
        scope.params,
      );
      const detailed = await this.withDetails(manager, rows);
      const histories = await this.histories(
        manager,
        detailed.map((r) => r.id),
      );
      await this.audit.allowedMany(
        manager,
        actor,
        detailed.map((r) => ({ entityType: 'Handoff', entityId: r.id, patientId: r.patient_id, action: 'list' })),
      );
      return detailed.map((row) => this.requesterView(row, histories.get(row.id) ?? []));
    });
  }

  /** Moves a handoff on; each side may make only its own steps, and the referring clinician hears of every change. */
  async changeStatus(actor: Actor, id: string, body: HandoffStatusRequest): Promise<HandoffForReceiver | HandoffForRequester> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const handoff = await this.loadInScope(manager, actor, 'update', id, 'status');
      if (handoff.version !== body.version) throw new StaleVersion('Handoff', body.version);
      const side: Side = actor.role === 'social_prescriber' ? 'receiver' : 'requester';
      assertHandoffTransition(handoff.status, body.status, side);
      assertStatusDetails(body.status, body);
      const statusReason =
        body.status === 'rejected' || body.status === 'cancelled' ? (body.reason?.trim() ?? null) : handoff.status_reason;
      const updated = await execute(
        manager,
        'UPDATE handoff SET status = $3, status_reason = $4, outcome = $5, version = version + 1, updated_at = $6 WHERE id = $1 AND version = $2',
        [id, body.version, body.status, statusReason, body.outcome ?? null, now],
      );
      if (updated !== 1) throw new StaleVersion('Handoff', body.version);
      const changeId = await this.recordChange(
        manager,
        actor,
        id,
        handoff.status,
        body.status,
        body.reason?.trim() || null,
        body.outcome ?? null,
        now,
      );
      if (actor.userId !== handoff.requested_by_user_id) {
        await writeOutbox(manager, HANDOFF_CHANGED, { handoffId: id, changeId });
      }
      await this.audit.allowed(manager, actor, { entityType: 'Handoff', entityId: id, patientId: handoff.patient_id, action: 'status' });
      return this.viewFor(manager, actor, (await this.load(manager, id)) as HandoffRow);
    });
  }

  /**
   * Loads a handoff the actor may act on; a social prescriber also needs the
   * patient's consent to be active. Otherwise 404, after auditing the attempt.
   */
  private async loadInScope(manager: EntityManager, actor: Actor, action: Action, id: string, auditAction: string): Promise<HandoffRow> {
    return this.audit.inScope(actor, await this.load(manager, id), {
      action,
      subject: 'Handoff',
      fields: (row) => ({ serviceId: row.service_id, organisationId: row.organisation_id }),
      requires: (row) => actor.role !== 'social_prescriber' || row.consent_active,
      refusal: (row) => ({ entityType: 'Handoff', entityId: id, patientId: row?.patient_id ?? null, action: auditAction }),
      notFound: () => new HandoffError(HandoffErrorCode.HandoffNotFound, 'Handoff not found'),
    });
  }

  private async load(manager: EntityManager, id: string): Promise<HandoffRow | undefined> {
    const rows: HandoffRecord[] = await manager.query(`${HANDOFF_SELECT} WHERE h.id = $1`, [id]);
    const [row] = await this.withDetails(manager, rows);
    return row;
  }

  /** Consent state, directory service, organisation and patient of a page of handoffs, one batched call to each owner. */
  private async withDetails(manager: EntityManager, records: HandoffRecord[]): Promise<HandoffRow[]> {
    if (records.length === 0) return [];
    const [active, services, organisations, patients] = [
      await this.consents.activeAmong(
        manager,
        records.map((r) => r.consent_id),
      ),
      await this.directory.summaries(manager, [...new Set(records.map((r) => r.directory_service_id))]),
      await this.organisations.names(manager, [...new Set(records.map((r) => r.organisation_id))]),
      await this.patients.summaries(manager, [...new Set(records.map((r) => r.patient_id))]),
    ];
    return records.map((r) => ({
      ...r,
      consent_active: active.has(r.consent_id),
      directory_service_name: services.get(r.directory_service_id)?.name as string,
      organisation_name: organisations.get(r.organisation_id) as string,
      patient: patients.get(r.patient_id) as PatientSummary,
    }));
  }

  /** The histories of several handoffs in one query. */
  private async histories(manager: EntityManager, ids: string[]): Promise<Map<string, HandoffChangeResponse[]>> {
    const rows: {
      handoff_id: string;
      from_status: string | null;
      to_status: string;
      reason: string | null;
      outcome: string | null;
      changed_at: Date;
    }[] = await manager.query(
      'SELECT handoff_id, from_status, to_status, reason, outcome, changed_at FROM handoff_change WHERE handoff_id = ANY($1) ORDER BY seq',
      [ids],
    );
    const byHandoff = new Map<string, HandoffChangeResponse[]>(ids.map((id) => [id, []]));
    for (const r of rows) {
      byHandoff
        .get(r.handoff_id)
        ?.push({ from: r.from_status, to: r.to_status, reason: r.reason, outcome: r.outcome, at: r.changed_at.toISOString() });
    }
    return byHandoff;
  }

  private async viewFor(manager: EntityManager, actor: Actor, row: HandoffRow): Promise<HandoffForReceiver | HandoffForRequester> {
    const history = (await this.histories(manager, [row.id])).get(row.id) ?? [];
    return this.view(actor, row, history);
  }

  private view(actor: Actor, row: HandoffRow, history: HandoffChangeResponse[]): HandoffForReceiver | HandoffForRequester {
    return actor.role === 'social_prescriber' ? this.receiverView(row, history) : this.requesterView(row, history);
  }

  private common(row: HandoffRow) {
    return {
      id: row.id,
      status: row.status,
      statusReason: row.status_reason,
      outcome: row.outcome,
      reason: row.reason,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      service: {
        id: row.directory_service_id,
        name: row.directory_service_name,
        organisationId: row.organisation_id,
        organisationName: row.organisation_name,
      },
    };
  }

  /** The minimum the receiving organisation needs: name, contact, communication needs, the reason and the history. */
  private receiverView(row: HandoffRow, history: HandoffChangeResponse[]): HandoffForReceiver {
    return {
      ...this.common(row),
      patient: {
        givenName: row.patient.givenName,
        familyName: row.patient.familyName,
        phone: row.patient.phone,
        email: row.patient.email,
        communicationFormat: row.patient.communicationFormat,
        communicationSupport: row.patient.communicationSupport,
        interpreterLanguage: row.patient.interpreterLanguage,
      },
      history,
    };
  }

  private requesterView(row: HandoffRow, history: HandoffChangeResponse[]): HandoffForRequester {
    return {
      ...this.common(row),
      patientId: row.patient_id,
      consentId: row.consent_id,
      consentActive: row.consent_active,
      requestedByUserId: row.requested_by_user_id,
      history,
    };
  }

  private async recordChange(
    manager: EntityManager,
    actor: Actor,
    handoffId: string,
    from: HandoffStatus | null,
    to: HandoffStatus,
    reason: string | null,
    outcome: HandoffOutcome | null,
    at: Date,
  ): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO handoff_change (handoff_id, from_status, to_status, reason, outcome, actor_user_id, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [handoffId, from, to, reason, outcome, actor.userId, at],
    );
    return row.id;
  }

  /** The community handoffs made for a patient by a service, oldest first, for a letter (the caller has checked access). */
  async madeForPatient(
    manager: EntityManager,
    serviceId: string,
    patientId: string,
  ): Promise<{ serviceName: string; status: HandoffStatus }[]> {
    const rows: { directory_service_id: string; status: HandoffStatus }[] = await manager.query(
      `${HANDOFF_SELECT} WHERE h.service_id = $1 AND h.patient_id = $2 ORDER BY h.created_at, h.id`,
      [serviceId, patientId],
    );
    const services = await this.directory.summaries(manager, [...new Set(rows.map((r) => r.directory_service_id))]);
    return rows.map((r) => ({ serviceName: services.get(r.directory_service_id)?.name ?? '', status: r.status }));
  }
}
