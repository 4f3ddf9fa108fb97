import { request } from 'node:http';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '@carepath/database';
import {
  ensureBuilt,
  createTestDatabase,
  createWorld,
  eventually,
  nextNhsNumber,
  startBuiltApi,
  TEST_PASSWORD,
  TestDatabase,
  testRedisUrl,
} from '@carepath/testing';

interface Outcome {
  name: string;
  status?: number;
  error?: string;
}

/** One request on a connection of its own, so an answer, a refusal and a dropped request are told apart. */
function post(url: string, token: string, name: string, gpPracticeId: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const payload = JSON.stringify({
      nhsNumber: nextNhsNumber(),
      givenName: 'Burst',
      familyName: name,
      dateOfBirth: '1970-01-01',
      postcode: 'LS1 4AP',
      gpPracticeId,
    });
    const req = request(`${url}/api/v1/patients`, {
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Content-Length': Buffer.byteLength(payload) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ name, status: res.statusCode }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ name, error: error.code ?? error.message }));
    req.end(payload);
  });
}

const letters = (n: number) => [...n.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('');

// Issue 13, Deliver 3: on SIGTERM during a burst of writes, 10 of 11 requests in flight got no response and 3 of
// those had committed, so a retrying client would make duplicates.
describe('SIGTERM during a burst of writes (e2e, a real process)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  // Builds dist/ (when stale) before the clock of any one test starts.
  beforeAll(() => ensureBuilt(), 300_000);
  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createDataSource(database.url).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('finishes and answers the requests in flight, refuses new ones, and commits nothing unanswered', async () => {
    const w = await createWorld(dataSource);
    const api = await startBuiltApi({ DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: database.name });
    const lock = new Client({ connectionString: database.url });
    await lock.connect();
    try {
      const login = await fetch(`${api.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: w.admin.email, password: TEST_PASSWORD }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };

      // Hold every patient insert at the database, so these requests are provably in flight inside the app.
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE patient IN SHARE ROW EXCLUSIVE MODE');
      const inFlight = Array.from({ length: 10 }, (_, i) => post(api.url, accessToken, `Inflight${letters(i)}`, w.practiceA));
      await eventually(async () => {
        const [row] = await dataSource.query(
          `SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'patient'::regclass AND NOT granted`,
        );
        return row.n === 10 ? true : undefined;
      });

      api.process.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      const late = await Promise.all(Array.from({ length: 10 }, (_, i) => post(api.url, accessToken, `Late${letters(i)}`, w.practiceA)));
      await lock.query('COMMIT');
      const answered = await Promise.all(inFlight);
      await api.exited;

      expect(answered.map((o) => o.status)).toEqual(Array(10).fill(201));
      for (const outcome of late) expect([503, 'ECONNREFUSED']).toContain(outcome.status ?? outcome.error);
      const committed: { family_name: string }[] = await dataSource.query(
        `SELECT family_name FROM patient WHERE given_name = 'Burst' ORDER BY family_name`,
      );
      expect(committed.map((r) => r.family_name)).toEqual(answered.map((o) => o.name).sort());
    } finally {
      await lock.end();
      api.process.kill('SIGKILL');
    }
  });
});
