import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  ensureBuilt,
  BuiltApi,
  bearer,
  createPatient,
  createTestApp,
  createWorld,
  databaseUrl,
  login,
  startBuiltApi,
  TEST_DATABASE_PREFIX,
  TEST_PASSWORD,
  TestApp,
  testRedisUrl,
  withAdmin,
} from '@carepath/testing';

/** pg_dump and pg_restore of the server's major version (older tools refuse a newer server). */
async function pgTool(name: 'pg_dump' | 'pg_restore'): Promise<string> {
  const major = await withAdmin(async (c) =>
    Math.floor(Number((await c.query('SHOW server_version_num')).rows[0].server_version_num) / 10000),
  );
  const packaged = `/usr/lib/postgresql/${major}/bin/${name}`;
  return existsSync(packaged) ? packaged : name;
}

/** Rows per table in every application schema, so a restore is compared table by table. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) counts[name] = Number((await client.query(`SELECT count(*) AS n FROM ${name}`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

describe('backup and restore (pg_dump -Fc / pg_restore)', () => {
  let t: TestApp;
  let api: BuiltApi | undefined;
  const restored = `${TEST_DATABASE_PREFIX}_restored_${randomBytes(6).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'carepath-backup-'));

  // Builds dist/ (when stale) before the clock of any one test starts.
  beforeAll(() => ensureBuilt(), 300_000);
  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    if (api) {
      api.process.kill('SIGTERM');
      await api.exited;
    }
    await t.close();
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${restored} WITH (FORCE)`));
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a dump into a fresh database that the app starts on, with the same rows', async () => {
    const world = await createWorld(t.dataSource);
    const { accessToken } = await login(t.http, world.admin.email);
    const patients = [
      await createPatient(t.dataSource, world.service, world.practiceA),
      await createPatient(t.dataSource, world.service, world.practiceB),
    ];
    for (const patientId of patients) {
      await t.http
        .post('/api/v1/referrals')
        .set(bearer(accessToken))
        .send({ patientId, priority: 'routine', reason: 'Chronic low back pain', receivedOn: '2026-02-20' })
        .expect(201);
    }

    const dump = join(dir, 'carepath.dump');
    execFileSync(await pgTool('pg_dump'), ['-Fc', '--no-owner', '-f', dump, '-d', t.database.url], { stdio: 'pipe' });
    await withAdmin((c) => c.query(`CREATE DATABASE ${restored} TEMPLATE template0`));
    execFileSync(await pgTool('pg_restore'), ['--no-owner', '--exit-on-error', '-d', databaseUrl(restored), dump], { stdio: 'pipe' });

    const before = await rowCounts(t.database.url);
    expect(before['public.patient']).toBe(2);
    expect(before['public.referral']).toBe(2);
    expect(await rowCounts(databaseUrl(restored))).toEqual(before);

    // WORKER_MODE=separate: the restored API relays no outbox events, so what it serves is only what was restored.
    api = await startBuiltApi({
      DATABASE_URL: databaseUrl(restored),
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: restored,
      WORKER_MODE: 'separate',
    });
    expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
    const signIn = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: world.admin.email, password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const token = ((await signIn.json()) as { accessToken: string }).accessToken;
    const patient = await fetch(`${api.url}/api/v1/patients/${patients[0]}`, { headers: { authorization: `Bearer ${token}` } });
    expect(patient.status).toBe(200);
    expect(((await patient.json()) as { id: string }).id).toBe(patients[0]);
  });
});
