import { Writable } from 'node:stream';
import { createTestApp, createWorld, login, nextNhsNumber, TEST_PASSWORD, TestApp, World } from '@carepath/testing';

/** No tokens, passwords or patient data in logs; every request line carries its request id. */
describe('logs (e2e)', () => {
  let t: TestApp;
  let w: World;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    t = await createTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: sink });
    w = await createWorld(t.dataSource);
  });
  afterAll(() => t.close());

  it('records requests without secrets or patient data', async () => {
    const tokens = await login(t.http, w.admin.email);
    const nhs = nextNhsNumber();
    const created = await t.http
      .post('/api/v1/patients')
      .set('Authorization', `Bearer ${tokens.accessToken}`)
      .send({
        nhsNumber: nhs,
        givenName: 'Zebedee',
        familyName: 'Quennell',
        dateOfBirth: '1950-05-05',
        postcode: 'LS6 1AN',
        phone: '07700 900123',
        gpPracticeId: w.practiceA,
      })
      .expect(201);
    await t.http
      .get('/api/v1/patients')
      .query({ nhsNumber: nhs, name: 'Quennell' })
      .set('Authorization', `Bearer ${tokens.accessToken}`)
      .expect(200);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(200);

    const log = lines.join('\n');
    for (const secret of [
      TEST_PASSWORD,
      tokens.accessToken,
      tokens.refreshToken,
      nhs,
      'Zebedee',
      'Quennell',
      '07700 900123',
      '1950-05-05',
      w.admin.email,
    ]) {
      expect(log).not.toContain(secret);
    }
    const requestLines = lines.map((l) => JSON.parse(l) as { req?: { id: string; path: string }; requestId?: string }).filter((l) => l.req);
    expect(requestLines.length).toBeGreaterThanOrEqual(4);
    expect(requestLines.some((l) => l.req?.path === '/api/v1/patients' && l.req.id === created.headers['x-request-id'])).toBe(true);
  });

  it('a database failure on a patient write logs its code and message, never the query parameters or row values', async () => {
    const tokens = await login(t.http, w.admin.email);
    const canary = { nhs: nextNhsNumber(), given: 'Canarygiven', family: 'Canaryfamily', phone: '07700 900777' };
    // Sabotage the table so the INSERT fails inside PostgreSQL with every parameter bound.
    await t.dataSource.query(`ALTER TABLE patient ADD CONSTRAINT logging_test_refuses CHECK (given_name <> 'Canarygiven')`);
    try {
      const before = lines.length;
      const res = await t.http
        .post('/api/v1/patients')
        .set('Authorization', `Bearer ${tokens.accessToken}`)
        .send({
          nhsNumber: canary.nhs,
          givenName: canary.given,
          familyName: canary.family,
          dateOfBirth: '1950-05-05',
          postcode: 'LS6 1AN',
          phone: canary.phone,
          gpPracticeId: w.practiceA,
        })
        .expect(500);
      expect(Object.keys(res.body).sort()).toEqual(['code', 'message', 'requestId', 'statusCode']);
      const logged = lines.slice(before).join('\n');
      expect(logged).toContain('23514');
      for (const value of Object.values(canary)) expect(logged).not.toContain(value);
    } finally {
      await t.dataSource.query('ALTER TABLE patient DROP CONSTRAINT logging_test_refuses');
    }
  });
});
