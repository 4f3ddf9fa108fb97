import { randomBytes } from 'node:crypto';
import { createRedisBackend, Queue, withBackend } from 'bullmq';
import { DataSource } from 'typeorm';
import { createDataSource, QUEUE_NAME } from '@carepath/database';
import {
  BuiltApi,
  BuiltWorker,
  createTestDatabase,
  createWorld,
  ensureBuilt,
  eventually,
  nextNhsNumber,
  RedisServer,
  startBuiltApi,
  startBuiltWorker,
  startRedis,
  TEST_PASSWORD,
  TestDatabase,
  World,
} from '@carepath/testing';

const WRITES = 1000;
const CONCURRENCY = 25;

function signIn(api: BuiltApi, email: string, password = TEST_PASSWORD): Promise<Response> {
  return fetch(`${api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

/**
 * Issue 13, Deliver 6: scale-out. Two API processes and two worker processes (WORKER_MODE=separate, as built) on one
 * PostgreSQL and one Redis. 1,000 writes spread over both APIs each cause one notification (a patient's communication
 * needs change; every other admin of the service is told): each must arrive exactly once, with both workers relaying
 * the one outbox and taking jobs from the one queue. Sign-in throttling holds whichever API an attempt reaches.
 */
describe('scale-out: two APIs and two workers on one PostgreSQL and one Redis (e2e)', () => {
  let database: TestDatabase;
  let ds: DataSource;
  let redis: RedisServer;
  let w: World;
  let apis: BuiltApi[] = [];
  let workers: BuiltWorker[] = [];
  let queue: Queue;

  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase();
    ds = await createDataSource(database.url).initialize();
    w = await createWorld(ds);
    redis = await startRedis();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `scale${randomBytes(3).toString('hex')}`,
      WORKER_MODE: 'separate',
      OUTBOX_POLL_MS: '200',
      LOGIN_THROTTLE_LIMIT: '3',
      // One secret, so a token from either API is good at the other, as behind a load balancer.
      JWT_SECRET: randomBytes(32).toString('hex'),
    };
    apis = await Promise.all([startBuiltApi(env), startBuiltApi(env)]);
    workers = [startBuiltWorker(env), startBuiltWorker(env)];
    queue = new (withBackend(createRedisBackend).Queue as typeof Queue)(QUEUE_NAME, {
      connection: { url: redis.url, maxRetriesPerRequest: null },
      prefix: env.QUEUE_PREFIX,
    });
    await eventually(async () => ((await queue.getWorkersCount()) >= 2 ? true : undefined), 60_000);
  }, 300_000);
  afterAll(async () => {
    for (const p of [...apis, ...workers]) p.process.kill('SIGKILL');
    await queue?.close();
    await redis?.kill();
    await ds?.destroy();
    await database?.drop();
  });

  it(`${WRITES.toLocaleString('en-GB')} writes over both APIs: each notification exactly once`, async () => {
    const numbers = Array.from({ length: WRITES }, () => nextNhsNumber());
    const patients: string[] = (
      await ds.query(
        `INSERT INTO patient (service_id, nhs_number, given_name, family_name, date_of_birth, postcode, gp_practice_id)
         SELECT $1, n, 'Scale', 'Out', '1970-01-01', 'LS1 4AP', $2 FROM unnest($3::text[]) AS n RETURNING id`,
        [w.service, w.practiceA, numbers],
      )
    ).map((r: { id: string }) => r.id);
    const token = ((await (await signIn(apis[0], w.clinician.email)).json()) as { accessToken: string }).accessToken;

    const started = Date.now();
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < patients.length) {
          const i = next++;
          const res = await fetch(`${apis[i % 2].url}/api/v1/patients/${patients[i]}`, {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({ version: 1, communicationNeeds: { format: 'large-print' } }),
          });
          await res.arrayBuffer();
          statuses.push(res.status);
        }
      }),
    );
    const written = Date.now();
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const count = async () => {
      const [row] = await ds.query(
        `SELECT count(*)::int AS total, count(DISTINCT entity_id)::int AS patients, count(DISTINCT source_event_id)::int AS events
           FROM notification WHERE type = 'patient.communication-needs-changed' AND entity_id = ANY($1)`,
        [patients],
      );
      return row as { total: number; patients: number; events: number };
    };
    await eventually(async () => ((await count()).patients === WRITES ? true : undefined), 120_000);
    // Let any duplicate that was on its way arrive before counting.
    await eventually(async () => {
      const [row] = await ds.query(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`);
      // (Not 'delayed': the recurring scans always have their next run waiting there.)
      const jobs = await queue.getJobCounts('waiting', 'active', 'prioritized');
      return row.n === 0 && Object.values(jobs).every((n) => n === 0) ? true : undefined;
    }, 60_000);
    const done = Date.now();
    const final = await count();
    expect(final).toEqual({ total: WRITES, patients: WRITES, events: WRITES });
    expect(await queue.getJobCountByTypes('failed')).toBe(0);
    process.stdout.write(
      `scale-out: ${WRITES} writes over 2 APIs in ${((written - started) / 1000).toFixed(1)} s; ${final.total} notifications for ` +
        `${final.patients} writes by 2 workers, lost ${WRITES - final.patients}, duplicated ${final.total - final.patients}; ` +
        `all delivered ${((done - started) / 1000).toFixed(1)} s after the first write\n`,
    );
  }, 240_000);

  it('sign-in throttling holds across both APIs', async () => {
    const attempts: number[] = [];
    for (let i = 0; i < 3; i += 1) attempts.push((await signIn(apis[i % 2], w.admin.email, `wrong-guess-${i}`)).status);
    attempts.push((await signIn(apis[1], w.admin.email)).status);
    attempts.push((await signIn(apis[0], w.admin.email)).status);
    expect(attempts).toEqual([401, 401, 401, 429, 429]);
    process.stdout.write(`scale-out: sign-in attempts for one account alternating between the APIs (limit 3): ${attempts.join(', ')}\n`);
  });
});
