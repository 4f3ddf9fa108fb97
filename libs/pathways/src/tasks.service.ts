import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, StaleVersion } from '@carepath/common';
import { Actor, asSubject, scopeToSql } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { execute } from '@carepath/database';
import { CompleteTaskRequest, ReassignTaskRequest, TaskList, TaskResponse } from './dto/pathways.dto';
import { PathwayError, PathwayErrorCode } from './pathways.errors';

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
  status: string;
  version: number;
}

const TASK_SELECT = `SELECT id, service_id, kind, priority, patient_id, referral_id, pathway_id, assignee_user_id, due_on, status, version FROM clinical_task t`;

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
    status: t.status,
    version: t.version,
  };
}

/** Clinical tasks: a clinician's own open tasks, urgent first; admins see the unassigned ones. */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async listOpen(actor: Actor): Promise<TaskList> {
    const params: unknown[] = [];
    const scope = scopeToSql(actor.ability, 'read', 'Task', { serviceId: 't.service_id', assigneeUserId: 't.assignee_user_id' }, params);
    return this.dataSource.transaction(async (manager) => {
      const rows: TaskRow[] = await manager.query(
        `${TASK_SELECT} WHERE ${scope} AND t.status = 'open' ORDER BY (t.priority = 'urgent') DESC, t.due_on, t.created_at, t.id LIMIT 500`,
        params,
      );
      await this.audit.allowedMany(
        manager,
        actor,
        rows.map((t) => ({ entityType: 'ClinicalTask', entityId: t.id, patientId: t.patient_id, action: 'list' })),
      );
      return { items: rows.map(toTaskResponse) };
    });
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
      const [clinician] = await manager.query(
        `SELECT 1 FROM app_user WHERE id = $1 AND organisation_id = $2 AND role = 'clinician' AND disabled_at IS NULL`,
        [body.assigneeUserId, task.service_id],
      );
      if (!clinician)
        throw new PathwayError(PathwayErrorCode.AssigneeNotInService, 'The new assignee must be an active clinician of this service', {
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
    if (!task || !actor.ability.can('update', asSubject('Task', { serviceId: task.service_id, assigneeUserId: task.assignee_user_id }))) {
      throw await this.audit.notFound(
        actor,
        {
          entityType: 'ClinicalTask',
          entityId: id,
          patientId: task?.patient_id ?? null,
          action: auditAction,
        },
        new PathwayError(PathwayErrorCode.TaskNotFound, 'Task not found'),
      );
    }
    return task;
  }
}
