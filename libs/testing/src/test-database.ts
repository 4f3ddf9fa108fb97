import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Every database a test run makes starts with this prefix (TEST_DATABASE_PREFIX, default carepath_test),
 * so two runs on one server, each with its own prefix, never drop each other's databases.
 */
export const TEST_DATABASE_PREFIX = testDatabasePrefix();
export const TEMPLATE_DATABASE = `${TEST_DATABASE_PREFIX}_template`;

function testDatabasePrefix(): string {
  const prefix = process.env.TEST_DATABASE_PREFIX || 'carepath_test';
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(prefix)) throw new Error('TEST_DATABASE_PREFIX must be 1-31 lower-case letters, digits or _');
  return prefix;
}

/** The server the tests use: TEST_DATABASE_URL (any database on it), default the local PostgreSQL. */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, copied from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${TEST_DATABASE_PREFIX}_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
