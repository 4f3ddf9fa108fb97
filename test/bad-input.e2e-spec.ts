import { bearer, createPatient, createTestApp, createWorld, login, TestApp, World } from '@carepath/testing';

const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
const nested = (depth: number) => '{"a":' + '['.repeat(depth) + ']'.repeat(depth) + '}';

// Issue 13, Deliver 1: requests that reached a 500 in independent testing. Each is a 400 in the one error body.
describe('bad input is a 400, never a 500 (e2e)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  let patientId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t.dataSource);
    admin = (await login(t.http, w.admin.email)).accessToken;
    patientId = await createPatient(t.dataSource, w.service, w.practiceA);
  });
  afterAll(() => t.close());

  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it.each([
    ['POST', '/api/v1/auth/login', false],
    ['POST', '/api/v1/auth/refresh', false],
    ['POST', '/api/v1/patients', true],
  ])('JSON nested tens of thousands of levels deep on %s %s is a 400 before validation', async (_method, path, signedIn) => {
    const req = t.http.post(path).set('Content-Type', 'application/json');
    if (signedIn) req.set(bearer(admin));
    const res = await req.send(nested(30_000)).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'BODY_TOO_DEEP' });
  });

  it('an ordinary nested body (communication needs) is still accepted', async () => {
    const res = await t.http
      .patch(`/api/v1/patients/${patientId}`)
      .set(bearer(admin))
      .send({ version: 1, communicationNeeds: { format: 'large-print', support: ['bsl-interpreter'] } });
    expect(res.status).not.toBe(400);
  });

  it('a NUL character in free text is a 400 and nothing is written', async () => {
    const users = await count('app_user');
    const organisations = await count('organisation');
    const user = await t.http
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: 'nul@example.test', name: 'Nul\u0000Name', role: 'admin', password: 'a-long-enough-password' })
      .expect(400);
    expect(user.body).toMatchObject({ code: 'INVALID_TEXT', details: { field: 'name' } });
    await t.http.post('/api/v1/organisations').set(bearer(admin)).send({ type: 'vcs', name: 'Bad\u0000Org' }).expect(400);
    const search = await t.http.get('/api/v1/directory/services').query({ postcode: 'LS1 4AP', q: 'walk\u0000' }).set(bearer(admin));
    expect(search.status).toBe(400);
    expect(await count('app_user')).toBe(users);
    expect(await count('organisation')).toBe(organisations);
  });

  it('a lone UTF-16 surrogate in an email is a 400 on sign-in and on user creation', async () => {
    // Written as JSON text: a JSON \\u escape is the only way a lone surrogate arrives over the wire.
    const body = '{"email":"a\\ud800@example.test","password":"whatever-password"}';
    const res = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(body).expect(400);
    expect(res.body.code).toBe('INVALID_TEXT');
    await t.http
      .post('/api/v1/users')
      .set(bearer(admin))
      .set('Content-Type', 'application/json')
      .send('{"email":"b\\udc00@example.test","name":"Surrogate","role":"admin","password":"a-long-enough-password"}')
      .expect(400);
  });

  it('a letterhead address that is one string, not a list of lines, is a 400 (found by test/fuzz)', async () => {
    const res = await t.http.put('/api/v1/letters/letterhead').set(bearer(admin)).send({ address: '1 Park Square, Leeds' }).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('a version past PostgreSQL integer range is a 400 naming the field', async () => {
    const res = await t.http
      .patch(`/api/v1/patients/${patientId}`)
      .set(bearer(admin))
      .send({ version: 2 ** 31, givenName: 'Big' })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(res.body.details)).toContain('version');
  });

  it.each([
    ['an impossible date', '/api/v1/referrals', cursor(['2025-02-30', '00000000-0000-4000-8000-000000000000'])],
    [
      'a timestamp Date.parse accepts but is not an ISO instant',
      '/api/v1/notifications',
      cursor(['2026-02-30T10:00:00Z', '00000000-0000-4000-8000-000000000000']),
    ],
    ['a NUL in a text cursor', '/api/v1/users', cursor(['a\u0000b', '00000000-0000-4000-8000-000000000000'])],
    ['a bigint overflow', `/api/v1/patients/{patient}/access-log`, cursor(['99999999999999999999'])],
  ])('a cursor with %s is a 400', async (_name, path, value) => {
    const res = await t.http.get(path.replace('{patient}', patientId)).query({ cursor: value }).set(bearer(admin)).expect(400);
    expect(res.body.code).toBe('INVALID_CURSOR');
  });
});
