import { runMigrations } from '../../database/src/migrate';
import { databaseUrl, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, withAdmin } from './test-database';

/** Once per run: a migrated template database that every test file copies. */
export default async function globalSetup(): Promise<void> {
  await withAdmin(async (c) => {
    const stale = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${TEST_DATABASE_PREFIX}\\_%`]);
    for (const row of stale.rows as { datname: string }[]) {
      await c.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    }
    await c.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  await runMigrations(databaseUrl(TEMPLATE_DATABASE));
}
