import { EntityManager } from 'typeorm';

export interface PathwayChange {
  pathwayId: string;
  activityId?: string | null;
  kind: 'created' | 'status' | 'activity-added' | 'activity-status' | 'planned-sessions' | 'lead-clinician';
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  actorUserId: string;
  at: Date;
}

/** Every change to a pathway is kept with who, when and why. */
export async function recordChange(manager: EntityManager, change: PathwayChange): Promise<void> {
  await manager.query(
    `INSERT INTO pathway_change (pathway_id, activity_id, kind, from_value, to_value, reason, actor_user_id, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      change.pathwayId,
      change.activityId ?? null,
      change.kind,
      change.from ?? null,
      change.to ?? null,
      change.reason ?? null,
      change.actorUserId,
      change.at,
    ],
  );
}

export interface NewPathwayTask {
  serviceId: string;
  kind: 'phq9-urgent' | 'dna-review';
  priority: 'routine' | 'urgent';
  patientId: string;
  referralId: string;
  pathwayId: string;
  assigneeUserId: string | null;
  dueOn: string;
  sourceKey: string;
}

/** Raises a clinical task once per source; returns its id (new or existing). */
export async function raisePathwayTask(manager: EntityManager, task: NewPathwayTask): Promise<string> {
  const [row]: { id: string }[] = await manager.query(
    `INSERT INTO clinical_task (service_id, kind, priority, patient_id, referral_id, pathway_id, assignee_user_id, due_on, source_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (source_key) DO UPDATE SET source_key = EXCLUDED.source_key
     RETURNING id`,
    [
      task.serviceId,
      task.kind,
      task.priority,
      task.patientId,
      task.referralId,
      task.pathwayId,
      task.assigneeUserId,
      task.dueOn,
      task.sourceKey,
    ],
  );
  return row.id;
}
