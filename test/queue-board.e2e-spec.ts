import { bearer, createTestApp, createWorld, login, TestApp, World } from '@carepath/testing';

describe.each([
  ['Redis', undefined],
  ['PostgreSQL', null],
] as const)('the queue board at /admin/queues on the %s queue (e2e)', (_, redisUrl) => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ redisUrl });
    w = await createWorld(t.dataSource);
  });
  afterAll(() => t.close());

  it('is refused without a token, in the one error body', async () => {
    const res = await t.http.get('/admin/queues').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    await t.http.get('/admin/queues/api/queues').expect(401);
  });

  it('is refused to a forged token and to a session that has ended', async () => {
    await t.http.get('/admin/queues/api/queues').set(bearer('not.a.token')).expect(401);
    const admin = await login(t.http, w.admin.email);
    await t.http.post('/api/v1/auth/logout').set(bearer(admin.accessToken)).send({ refreshToken: admin.refreshToken }).expect(204);
    const res = await t.http.get('/admin/queues/api/queues').set(bearer(admin.accessToken)).expect(401);
    expect(res.body.message).toBe('Your session has ended; sign in again');
  });

  it('is refused to a clinician and to a GP', async () => {
    for (const user of [w.clinician, w.gpA]) {
      const { accessToken } = await login(t.http, user.email);
      const res = await t.http.get('/admin/queues/api/queues').set(bearer(accessToken)).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await t.http.get('/admin/queues').set(bearer(accessToken)).expect(403);
    }
  });

  it("lets a pain service's admin see the queue", async () => {
    const { accessToken } = await login(t.http, w.admin.email);
    const page = await t.http.get('/admin/queues').set(bearer(accessToken)).expect(200);
    expect(page.text).toContain('<html');
    const api = await t.http.get('/admin/queues/api/queues').set(bearer(accessToken)).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name)).toEqual(['carepath-events']);
  });
});
