import { createTestApp, createWorld, login, TEST_PASSWORD, TestApp, World } from '@carepath/testing';

describe('auth (e2e)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t.dataSource);
  });
  afterAll(() => t.close());

  it('logs in and returns the user and a token pair', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email: w.clinician.email, password: TEST_PASSWORD }).expect(200);
    expect(res.body.user).toMatchObject({ id: w.clinician.id, role: 'clinician', organisationId: w.service });
    expect(typeof res.body.accessToken).toBe('string');
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ id: w.clinician.id, organisationType: 'pain-service', discipline: 'psychologist' });
  });
});
