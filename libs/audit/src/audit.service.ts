import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, decodeCursor, DomainError, isBigintId, Page, toPage } from '@carepath/common';
import { Action, Actor, asSubject, Permission, RouteDenialRecorder, SubjectType, UsersService } from '@carepath/auth';
import { AccessLogEntry } from './dto/access-log.dto';

export type AuditAction = 'read' | 'list' | 'create' | 'update' | 'delete';

export interface AuditEntry {
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  action: AuditAction | string;
}

interface AccessLogRow {
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  actor_organisation_id: string | null;
  entity_type: string;
  entity_id: string | null;
  action: string;
  outcome: 'allowed' | 'denied';
  request_id: string | null;
}

/** What a single record must allow, and what refusing it records and answers. */
export interface Scope<T> {
  action: Action;
  subject: Exclude<SubjectType, 'all'>;
  /** The record's fields that the subject's rules read. */
  fields: (record: T) => Record<string, unknown>;
  /** A further condition that no rule can state (a social prescriber needs the patient's consent still active). */
  requires?: (record: T) => boolean;
  /** The refused attempt as audited; `record` is undefined when there is none. */
  refusal: (record: T | undefined) => AuditEntry;
  /** The owning library's 404. */
  notFound: () => DomainError;
}

/** Writes one audit event per access to patient data. */
@Injectable()
export class AuditService implements RouteDenialRecorder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /** An allowed access, written in the caller's transaction so the access and its record stand or fall together. */
  async allowed(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    await this.insert(manager, actor, entry, 'allowed');
  }

  /** Allowed accesses to several records at once (a list), one event per record, in one statement. */
  async allowedMany(manager: EntityManager, actor: Actor, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO audit_event (occurred_at, actor_user_id, actor_role, actor_organisation_id, entity_type, entity_id,
                                patient_id, action, outcome, request_id)
       SELECT $1, $2, $3, $4, e.entity_type, e.entity_id, e.patient_id, e.action, 'allowed', $5
         FROM unnest($6::text[], $7::uuid[], $8::uuid[], $9::text[]) AS e(entity_type, entity_id, patient_id, action)`,
      [
        this.clock.now(),
        actor.userId,
        actor.role,
        actor.organisationId,
        actor.requestId || null,
        entries.map((e) => e.entityType),
        entries.map((e) => e.entityId),
        entries.map((e) => e.patientId),
        entries.map((e) => e.action),
      ],
    );
  }

  /** A role refused at the route itself (no rule for the action at all), against the patient when the route names one. */
  async recordRouteDenied(actor: Actor, permission: Permission, entityId: string | null, patientId: string | null): Promise<void> {
    await this.denied(actor, { entityType: permission.subject, entityId, patientId, action: permission.action });
  }

  /**
   * The one way to reach a single record: the owning library loads it with its own columns and passes it here;
   * the actor's CASL rules decide. No record, or one the actor may not reach, is one answer: the refusal is
   * audited and the library's 404 thrown, so a record's existence never leaks.
   */
  async inScope<T>(actor: Actor, record: T | null | undefined, scope: Scope<T>): Promise<T> {
    if (record && actor.ability.can(scope.action, asSubject(scope.subject, scope.fields(record))) && (scope.requires?.(record) ?? true)) {
      return record;
    }
    throw await this.notFound(actor, scope.refusal(record ?? undefined), scope.notFound());
  }

  /** Records a refused access and returns the library's 404 to throw: "not found" and "not yours" are one answer. */
  async notFound<E extends DomainError>(actor: Actor, entry: AuditEntry, notFound: E): Promise<E> {
    await this.denied(actor, entry);
    return notFound;
  }

  /** A refused access, committed on its own because the request itself fails. */
  async denied(actor: Actor, entry: AuditEntry): Promise<void> {
    await this.insert(this.dataSource.manager, actor, entry, 'denied');
  }

  private async insert(manager: EntityManager, actor: Actor, entry: AuditEntry, outcome: 'allowed' | 'denied'): Promise<void> {
    await manager.query(
      `INSERT INTO audit_event (occurred_at, actor_user_id, actor_role, actor_organisation_id, entity_type, entity_id,
                                patient_id, action, outcome, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        this.clock.now(),
        actor.userId,
        actor.role,
        actor.organisationId,
        entry.entityType,
        entry.entityId,
        entry.patientId,
        entry.action,
        outcome,
        actor.requestId || null,
      ],
    );
  }

  /** Everyone who accessed (or tried to access) a patient's record, newest first. */
  async accessLog(manager: EntityManager, patientId: string, limit: number, cursor?: string): Promise<Page<AccessLogEntry>> {
    const params: unknown[] = [patientId];
    let after = '';
    if (cursor) {
      const [id] = decodeCursor(cursor, [isBigintId]);
      params.push(id);
      after = `AND a.id < $2`;
    }
    const rows: Omit<AccessLogRow, 'actor_name'>[] = await manager.query(
      `SELECT a.id, a.occurred_at, a.actor_user_id, a.actor_role, a.actor_organisation_id,
              a.entity_type, a.entity_id, a.action, a.outcome, a.request_id
         FROM audit_event a
        WHERE a.patient_id = $1 ${after}
        ORDER BY a.id DESC
        LIMIT ${limit + 1}`,
      params,
    );
    const actors = [...new Set(rows.slice(0, limit).flatMap((r) => (r.actor_user_id ? [r.actor_user_id] : [])))];
    const names = await this.users.names(manager, actors);
    const named = rows.map((r) => ({ ...r, actor_name: r.actor_user_id ? (names.get(r.actor_user_id) ?? null) : null }));
    return toPage(named, limit, (r) => [String(r.id)], toAccessLogEntry);
  }
}

function toAccessLogEntry(row: AccessLogRow): AccessLogEntry {
  return {
    id: String(row.id),
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    actorRole: row.actor_role,
    actorOrganisationId: row.actor_organisation_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    outcome: row.outcome,
    requestId: row.request_id,
  };
}
