import { EntityManager } from 'typeorm';

/** Runs an UPDATE or DELETE and returns how many rows it touched (for version checks). */
export async function execute(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const result: unknown = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && typeof result[1] === 'number') return result[1];
  throw new Error('execute() expects an UPDATE or DELETE statement');
}
