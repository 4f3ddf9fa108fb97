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
