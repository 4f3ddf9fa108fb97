import { EntityManager } from 'typeorm';
import { execute } from '@carepath/database';
import type { LetterContent } from './letter-content';
import type { TransportName } from './letter-delivery.entity';
import type { LetterKind, LetterStatus } from './letter.rules';

/** A letter row as the library's SQL reads it. */
export interface LetterRow {
  id: string;
  service_id: string;
  referral_id: string;
  patient_id: string;
  practice_id: string;
  kind: LetterKind;
  status: LetterStatus;
  content: LetterContent;
  event_at: Date;
  created_by_user_id: string | null;
  approved_by_user_id: string | null;
  approved_at: Date | null;
  in_gp_inbox: boolean;
  delivery_attempts: number;
  failure_reason: string | null;
  delivered_at: Date | null;
  acknowledged_at: Date | null;
  version: number;
  created_at: Date;
  sha256: string | null;
  large_print: boolean;
}

export const LETTER_SELECT = `
  SELECT l.*, d.sha256, EXISTS (SELECT 1 FROM letter_document lp WHERE lp.letter_id = l.id AND lp.variant = 'large-print') AS large_print
    FROM letter l LEFT JOIN letter_document d ON d.letter_id = l.id AND d.variant = 'gp'`;

/** The columns the CASL conditions of a Letter name. */
export const LETTER_SCOPE_COLUMNS = { serviceId: 'l.service_id', practiceId: 'l.practice_id', inGpInbox: 'l.in_gp_inbox' };

export const scopeFields = (row: LetterRow) => ({ serviceId: row.service_id, practiceId: row.practice_id, inGpInbox: row.in_gp_inbox });

export async function loadLetter(manager: EntityManager, id: string, lock = false): Promise<LetterRow | undefined> {
  if (lock) await manager.query('SELECT 1 FROM letter WHERE id = $1 FOR UPDATE', [id]);
  const [row]: LetterRow[] = await manager.query(`${LETTER_SELECT} WHERE l.id = $1`, [id]);
  return row;
}

/**
 * Moves a letter along its machine at the version it was read, recording who (none for the system), when and why;
 * returns the status change's id. The caller has checked the transition.
 */
export async function moveLetter(
  manager: EntityManager,
  letter: Pick<LetterRow, 'id' | 'status' | 'version'>,
  to: LetterStatus,
  change: { actorUserId: string | null; reason: string | null; at: Date; set?: Record<string, unknown> },
): Promise<string | null> {
  const set = Object.entries(change.set ?? {});
  const params: unknown[] = [letter.id, letter.version, to, change.at, ...set.map(([, v]) => v)];
  const extra = set.map(([column], i) => `, ${column} = $${i + 5}`).join('');
  const updated = await execute(
    manager,
    `UPDATE letter SET status = $3, version = version + 1, updated_at = $4${extra} WHERE id = $1 AND version = $2`,
    params,
  );
  if (updated !== 1) return null;
  const [row]: { id: string }[] = await manager.query(
    `INSERT INTO letter_status_change (letter_id, from_status, to_status, reason, actor_user_id, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [letter.id, letter.status, to, change.reason, change.actorUserId, change.at],
  );
  return row.id;
}

export async function recordCreated(manager: EntityManager, letterId: string, actorUserId: string | null, at: Date): Promise<void> {
  await manager.query(
    `INSERT INTO letter_status_change (letter_id, from_status, to_status, reason, actor_user_id, changed_at) VALUES ($1, NULL, 'draft', NULL, $2, $3)`,
    [letterId, actorUserId, at],
  );
}

export async function deliveriesOf(
  manager: EntityManager,
  letterIds: string[],
): Promise<Map<string, { transport: TransportName; reference: string | null; deliveredAt: Date }[]>> {
  const rows: { letter_id: string; transport: TransportName; reference: string | null; delivered_at: Date }[] = await manager.query(
    'SELECT letter_id, transport, reference, delivered_at FROM letter_delivery WHERE letter_id = ANY($1) ORDER BY delivered_at, transport',
    [letterIds],
  );
  const byLetter = new Map<string, { transport: TransportName; reference: string | null; deliveredAt: Date }[]>(
    letterIds.map((id) => [id, []]),
  );
  for (const r of rows) byLetter.get(r.letter_id)?.push({ transport: r.transport, reference: r.reference, deliveredAt: r.delivered_at });
  return byLetter;
}
