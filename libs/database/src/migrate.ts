import { createDataSource } from './data-source';

/** Applies pending migrations (each in its own transaction); returns the names applied. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = await createDataSource(databaseUrl).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
