import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, StaleVersion } from '@carepath/common';
import { Actor, ListScope, UsersService } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { execute } from '@carepath/database';
import { formatNhsNumber, PatientsService } from '@carepath/patients';
import { CompleteTaskRequest, ReassignTaskRequest, TaskAssignee, TaskKind, TaskList, TaskResponse } from './dto/tasks.dto';
import { TaskError, TaskErrorCode } from './tasks.errors';

export interface NewTask {
  serviceId: string;
  kind: TaskKind;
  priority?: 'routine' | 'urgent';
  patientId: string;
  referralId: string;
  pathwayId?: string | null;
  assigneeUserId: string | null;
  dueOn: string;
  detail?: string | null;
  /** What raised the task (e.g. `dna-review:<session id>`): one task per source, however often it is raised. */
  sourceKey: string;
}

export interface OpenTask {
  id: string;
  kind: string;
  priority: string;
  dueOn: string;
}

/** An open task on a pathway, with the London day it was raised. */
export interface OpenPathwayTask extends OpenTask {
  pathwayId: string;
  assigneeUserId: string | null;
  raisedOn: string;
}

interface TaskRow {
  id: string;
  service_id: string;
  kind: string;
  priority: string;
  patient_id: string;
  referral_id: string | null;
  pathway_id: string | null;
  assignee_user_id: string | null;
  due_on: string;
  detail: string | null;
  status: string;
  version: number;
}

const TASK_SELECT = `SELECT id, service_id, kind, priority, patient_id, referral_id, pathway_id, assignee_user_id, due_on, detail, status, version FROM clinical_task t`;

function toTaskResponse(t: TaskRow): TaskResponse {
  return {
    id: t.id,
    kind: t.kind,
    priority: t.priority,
    patientId: t.patient_id,
    referralId: t.referral_id,
    pathwayId: t.pathway_id,
    assigneeUserId: t.assignee_user_id,
    dueOn: t.due_on,
    detail: t.detail,
    status: t.status,
    version: t.version,
  };
}

/**
 * Clinical tasks, whichever domain raises them: raised in the caller's
 * transaction, listed (a clinician's own open tasks, urgent first; admins the
 * unassigned ones), completed and reassigned here.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Raises a task once per source (a repeat finds the existing one), in the caller's transaction; returns its id. It is
   * stamped by the app's clock: when a task was raised decides whether an MDT has discussed it.
   */
  async raise(manager: EntityManager, task: NewTask): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO clinical_task (service_id, kind, priority, patient_id, referral_id, pathway_id, assignee_user_id, due_on, detail, source_key, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (source_key) DO UPDATE SET source_key = EXCLUDED.source_key
       RETURNING id`,
      [
        task.serviceId,
        task.kind,
        task.priority ?? 'routine',
        task.patientId,
        task.referralId,
        task.pathwayId ?? null,
        task.assigneeUserId,
        task.dueOn,
        task.detail ?? null,
        task.sourceKey,
        this.clock.now(),
      ],
    );
    return row.id;
  }

  /** Which of these sources already raised a task. */
  async raisedSources(manager: EntityManager, sourceKeys: string[]): Promise<Set<string>> {
    if (sourceKeys.length === 0) return new Set();
    const rows: { source_key: string }[] = await manager.query('SELECT source_key FROM clinical_task WHERE source_key = ANY($1)', [
      sourceKeys,
    ]);
    return new Set(rows.map((r) => r.source_key));
  }

  /** A referral's open tasks, soonest due first. */
  async openForReferral(manager: EntityManager, referralId: string): Promise<OpenTask[]> {
    const rows: { id: string; kind: string; priority: string; due_on: string }[] = await manager.query(
      `SELECT id, kind, priority, due_on FROM clinical_task WHERE referral_id = $1 AND status = 'open' ORDER BY due_on, id`,
      [referralId],
    );
    return rows.map((t) => ({ id: t.id, kind: t.kind, priority: t.priority, dueOn: t.due_on }));
  }

  /**
   * Open tasks on a service's pathways, optionally of some kinds or on some pathways only: one query for a whole
   * page or case list. The day each was raised is a London date.
   */
  async openOnPathways(
    manager: EntityManager,
    serviceId: string,
    filter: { kinds?: readonly string[]; pathwayIds?: readonly string[] } = {},
  ): Promise<OpenPathwayTask[]> {
    const rows: {
      id: string;
      kind: string;
      priority: string;
      due_on: string;
      pathway_id: string;
      assignee_user_id: string | null;
      raised_on: string;
    }[] = await manager.query(
      `SELECT id, kind, priority, due_on, pathway_id, assignee_user_id, (created_at AT TIME ZONE 'Europe/London')::date::text AS raised_on
           FROM clinical_task
          WHERE service_id = $1 AND status = 'open' AND pathway_id IS NOT NULL
            AND ($2::text[] IS NULL OR kind = ANY($2)) AND ($3::uuid[] IS NULL OR pathway_id = ANY($3))
          ORDER BY due_on, id`,
      [serviceId, filter.kinds ?? null, filter.pathwayIds ?? null],
    );
    return rows.map((t) => ({
      id: t.id,
      kind: t.kind,
      priority: t.priority,
      dueOn: t.due_on,
      pathwayId: t.pathway_id,
      assigneeUserId: t.assignee_user_id,
      raisedOn: t.raised_on,
    }));
  }

  /** Tasks raised from these sources that were completed, with when (for reports on MDT actions). */
  async completions(manager: EntityManager, sourceKeys: string[]): Promise<Map<string, { dueOn: string; completedOn: string | null }>> {
    if (sourceKeys.length === 0) return new Map();
    const rows: { source_key: string; due_on: string; completed_on: string | null }[] = await manager.query(
      `SELECT source_key, due_on, (completed_at AT TIME ZONE 'Europe/London')::date::text AS completed_on
         FROM clinical_task WHERE source_key = ANY($1)`,
      [sourceKeys],
    );
    return new Map(rows.map((r) => [r.source_key, { dueOn: r.due_on, completedOn: r.completed_on }]));
  }

  /** Who a task is for, to tell them about it (no access check: for jobs acting on the system's behalf). */
  async recipientOf(manager: EntityManager, id: string): Promise<{ assigneeUserId: string | null; patientId: string } | null> {
    const [row]: { assignee_user_id: string | null; patient_id: string }[] = await manager.query(
      'SELECT assignee_user_id, patient_id FROM clinical_task WHERE id = $1',
      [id],
    );
    return row ? { assigneeUserId: row.assignee_user_id, patientId: row.patient_id } : null;
  }

  async listOpen(actor: Actor): Promise<TaskList> {
    const scope = ListScope.of(actor.ability, 'read', 'Task', { serviceId: 't.service_id', assigneeUserId: 't.assignee_user_id' }).and(
      "t.status = 'open'",
    );
    return this.dataSource.transaction(async (manager) => {
      const rows: TaskRow[] = await manager.query(
        `${TASK_SELECT} WHERE ${scope.where} ORDER BY (t.priority = 'urgent') DESC, t.due_on, t.created_at, t.id LIMIT 500`,
        scope.params,
      );
      await this.audit.allowedMany(
        manager,
        actor,
        rows.map((t) => ({ entityType: 'ClinicalTask', entityId: t.id, patientId: t.patient_id, action: 'list' })),
      );
      const patients = await this.patients.summaries(manager, [...new Set(rows.map((t) => t.patient_id))]);
      return {
        items: rows.map((t) => {
          const patient = patients.get(t.patient_id);
          return {
            ...toTaskResponse(t),
            patientName: patient ? `${patient.givenName} ${patient.familyName}` : '',
            nhsNumber: patient ? formatNhsNumber(patient.nhsNumber) : '',
          };
        }),
      };
    });
  }

  /** One task the actor may see (their own; an admin's unassigned one), or 404. */
  async get(actor: Actor, id: string): Promise<TaskResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: TaskRow[] = await manager.query(`${TASK_SELECT} WHERE t.id = $1`, [id]);
      const task = await this.audit.inScope(actor, row, {
        action: 'read',
        subject: 'Task',
        fields: (t) => ({ serviceId: t.service_id, assigneeUserId: t.assignee_user_id }),
        refusal: (t) => ({ entityType: 'ClinicalTask', entityId: id, patientId: t?.patient_id ?? null, action: 'read' }),
        notFound: () => new TaskError(TaskErrorCode.TaskNotFound, 'Task not found'),
      });
      await this.audit.allowed(manager, actor, { entityType: 'ClinicalTask', entityId: id, patientId: task.patient_id, action: 'read' });
      return toTaskResponse(task);
    });
  }

  /** The active clinicians of the actor's service a task may be reassigned to, by name; none for anyone who may not reassign. */
  async assignees(actor: Actor): Promise<TaskAssignee[]> {
    if (!actor.ability.can('update', 'Task')) return [];
    const ids = await this.users.activeUserIds(this.dataSource.manager, actor.organisationId, 'clinician');
    const profiles = await this.users.profiles(this.dataSource.manager, ids);
    return ids
      .map((id) => ({ id, name: profiles.get(id)?.name ?? '', discipline: profiles.get(id)?.discipline ?? null }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async complete(actor: Actor, id: string, body: CompleteTaskRequest): Promise<TaskResponse> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.loadInScope(manager, actor, id, 'complete');
      if (task.version !== body.version || task.status !== 'open') throw new StaleVersion('Task', body.version);
      const updated = await execute(
        manager,
        `UPDATE clinical_task SET status = 'completed', completed_at = $3, completed_by_user_id = $4, version = version + 1
          WHERE id = $1 AND version = $2 AND status = 'open'`,
        [id, body.version, this.clock.now(), actor.userId],
      );
      if (updated !== 1) throw new StaleVersion('Task', body.version);
      await this.audit.allowed(manager, actor, {
        entityType: 'ClinicalTask',
        entityId: id,
        patientId: task.patient_id,
        action: 'complete',
      });
      return toTaskResponse({ ...task, status: 'completed', version: task.version + 1 });
    });
  }

  async reassign(actor: Actor, id: string, body: ReassignTaskRequest): Promise<TaskResponse> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.loadInScope(manager, actor, id, 'reassign');
      if (task.version !== body.version || task.status !== 'open') throw new StaleVersion('Task', body.version);
      const clinicians = await this.users.activeClinicians(manager, task.service_id, [body.assigneeUserId]);
      if (!clinicians.has(body.assigneeUserId))
        throw new TaskError(TaskErrorCode.AssigneeNotInService, 'The new assignee must be an active clinician of this service', {
          field: 'assigneeUserId',
        });
      const updated = await execute(
        manager,
        'UPDATE clinical_task SET assignee_user_id = $3, version = version + 1 WHERE id = $1 AND version = $2',
        [id, body.version, body.assigneeUserId],
      );
      if (updated !== 1) throw new StaleVersion('Task', body.version);
      await this.audit.allowed(manager, actor, {
        entityType: 'ClinicalTask',
        entityId: id,
        patientId: task.patient_id,
        action: 'reassign',
      });
      return toTaskResponse({ ...task, assignee_user_id: body.assigneeUserId, version: task.version + 1 });
    });
  }

  private async loadInScope(manager: EntityManager, actor: Actor, id: string, auditAction: string): Promise<TaskRow> {
    const [task]: TaskRow[] = await manager.query(`${TASK_SELECT} WHERE t.id = $1 FOR UPDATE`, [id]);
    return this.audit.inScope(actor, task, {
      action: 'update',
      subject: 'Task',
      fields: (t) => ({ serviceId: t.service_id, assigneeUserId: t.assignee_user_id }),
      refusal: (t) => ({ entityType: 'ClinicalTask', entityId: id, patientId: t?.patient_id ?? null, action: auditAction }),
      notFound: () => new TaskError(TaskErrorCode.TaskNotFound, 'Task not found'),
    });
  }
}
