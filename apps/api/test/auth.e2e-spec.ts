import { createHmac } from 'node:crypto';
import { FixedClock } from '@carepath/common';
import { bearer, createTestApp, createWorld, login, TEST_PASSWORD, TestApp, World } from '@carepath/testing';

function forgeToken(header: object, payload: object, secret: string): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc(header)}.${enc(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('auth (e2e)', () => {
  let t: TestApp;
  let w: World;
  let clock: FixedClock;

  beforeAll(async () => {
    clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));
    t = await createTestApp({ clock });
    w = await createWorld(t.dataSource);
  });
  afterAll(() => t.close());

  it('logs in and returns the user and a token pair', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email: w.clinician.email, password: TEST_PASSWORD }).expect(200);
    expect(res.body.user).toEqual({
      id: w.clinician.id,
      email: w.clinician.email,
      name: 'Test clinician',
      role: 'clinician',
      organisationId: w.service,
      discipline: 'psychologist',
    });
    expect(res.body.expiresIn).toBe(900);
    const me = await t.http.get('/api/v1/me').set(bearer(res.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ id: w.clinician.id, organisationType: 'pain-service' });
  });

  it('accepts the email in any case', async () => {
    await t.http.post('/api/v1/auth/login').send({ email: w.admin.email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: w.admin.email, password: 'not the password' }).expect(401);
    const unknown = await t.http.post('/api/v1/auth/login').send({ email: 'nobody@test.carepath.test', password: 'x' }).expect(401);
    expect(wrong.body.message).toBe('Email or password is incorrect');
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(wrong.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: wrong.body.message, requestId: expect.any(String) });
  });

  it('rejects a malformed login body with a 400 naming the fields', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email: 'not-an-email', password: 3, extra: true }).expect(400);
    const fields = res.body.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['email', 'extra', 'password']);
  });

  it('rotates refresh tokens: the new pair works, the old refresh token is spent', async () => {
    const first = await login(t.http, w.gpA.email);
    const rotated = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
    expect(rotated.body.refreshToken).not.toBe(first.refreshToken);
    await t.http.get('/api/v1/me').set(bearer(rotated.body.accessToken)).expect(200);
    const again = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(200);
    expect(again.body.user.id).toBe(w.gpA.id);
  });

  it('refuses a reused refresh token and revokes its whole family', async () => {
    const first = await login(t.http, w.gpB.email);
    const rotated = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
    // an attacker replays the spent token
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    // the legitimate holder's newer tokens are revoked too
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
    await t.http.get('/api/v1/me').set(bearer(rotated.body.accessToken)).expect(401);
    // signing in again starts a new, working family
    const fresh = await login(t.http, w.gpB.email);
    await t.http.get('/api/v1/me').set(bearer(fresh.accessToken)).expect(200);
  });

  it('refuses an unknown refresh token', async () => {
    await t.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: 'x'.repeat(43) })
      .expect(401);
  });

  it('logout ends the session: its access and refresh tokens stop working', async () => {
    const tokens = await login(t.http, w.manager.email);
    await t.http.post('/api/v1/auth/logout').set(bearer(tokens.accessToken)).expect(204);
    await t.http.get('/api/v1/me').set(bearer(tokens.accessToken)).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
  });

  it('access tokens expire after their lifetime', async () => {
    const tokens = await login(t.http, w.admin.email);
    await t.http.get('/api/v1/me').set(bearer(tokens.accessToken)).expect(200);
    clock.advanceSeconds(901);
    try {
      await t.http.get('/api/v1/me').set(bearer(tokens.accessToken)).expect(401);
      const refreshed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(200);
      await t.http.get('/api/v1/me').set(bearer(refreshed.body.accessToken)).expect(200);
    } finally {
      clock.advanceSeconds(-901);
    }
  });

  it('refuses tokens with another algorithm, audience or signature', async () => {
    const tokens = await login(t.http, w.admin.email);
    const [, payloadPart] = tokens.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString());
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payloadPart}.`;
    await t.http.get('/api/v1/me').set(bearer(none)).expect(401);
    const otherAudience = forgeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, aud: 'someone-else' }, t.config.jwtSecret);
    await t.http.get('/api/v1/me').set(bearer(otherAudience)).expect(401);
    const hs512 = forgeToken({ alg: 'HS512', typ: 'JWT' }, claims, t.config.jwtSecret);
    await t.http.get('/api/v1/me').set(bearer(hs512)).expect(401);
    const wrongKey = forgeToken({ alg: 'HS256', typ: 'JWT' }, claims, 'not-the-secret-not-the-secret-xx');
    await t.http.get('/api/v1/me').set(bearer(wrongKey)).expect(401);
    const good = forgeToken({ alg: 'HS256', typ: 'JWT' }, claims, t.config.jwtSecret);
    await t.http.get('/api/v1/me').set(bearer(good)).expect(200);
  });

  it('refuses a correctly signed token that carries no expiry', async () => {
    const tokens = await login(t.http, w.admin.email);
    const claims = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString());
    delete claims.exp;
    const res = await t.http
      .get('/api/v1/me')
      .set(bearer(forgeToken({ alg: 'HS256', typ: 'JWT' }, claims, t.config.jwtSecret)))
      .expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a correctly signed token whose session or user id is not a UUID (issue 13: it was a 500)', async () => {
    const tokens = await login(t.http, w.admin.email);
    const claims = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString());
    for (const forged of [
      { ...claims, sid: 'not-a-session' },
      { ...claims, sub: "1' OR '1'='1" },
    ]) {
      const res = await t.http
        .get('/api/v1/me')
        .set(bearer(forgeToken({ alg: 'HS256', typ: 'JWT' }, forged, t.config.jwtSecret)))
        .expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a route without a token is 401 in the one error body', async () => {
    const res = await t.http.get('/api/v1/me').expect(401);
    expect(res.body).toEqual({
      statusCode: 401,
      code: 'UNAUTHENTICATED',
      message: 'Authentication required',
      requestId: expect.any(String),
    });
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });
});

describe('user administration (e2e)', () => {
  let t: TestApp;
  let w: World;
  let adminToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t.dataSource);
    adminToken = (await login(t.http, w.admin.email)).accessToken;
  });
  afterAll(() => t.close());

  it('an admin creates a clinician in their own organisation, who can then sign in', async () => {
    const res = await t.http
      .post('/api/v1/users')
      .set(bearer(adminToken))
      .send({
        email: 'new.physio@test.carepath.test',
        name: 'New Physio',
        role: 'clinician',
        discipline: 'physiotherapist',
        password: 'a long enough password',
      })
      .expect(201);
    expect(res.body).toMatchObject({ role: 'clinician', organisationId: w.service, disabled: false, version: 1 });
    await login(t.http, 'new.physio@test.carepath.test', 'a long enough password');
  });

  it('refuses a role the organisation cannot hold, a clinician without discipline and a duplicate email', async () => {
    const gp = await t.http
      .post('/api/v1/users')
      .set(bearer(adminToken))
      .send({ email: 'gp.x@test.carepath.test', name: 'X', role: 'gp', password: 'a long enough password' })
      .expect(422);
    expect(gp.body.code).toBe('ROLE_NOT_ALLOWED');
    const noDiscipline = await t.http
      .post('/api/v1/users')
      .set(bearer(adminToken))
      .send({ email: 'c.x@test.carepath.test', name: 'X', role: 'clinician', password: 'a long enough password' })
      .expect(422);
    expect(noDiscipline.body.code).toBe('DISCIPLINE_REQUIRED');
    const duplicate = await t.http
      .post('/api/v1/users')
      .set(bearer(adminToken))
      .send({ email: w.clinician.email.toUpperCase(), name: 'X', role: 'service_manager', password: 'a long enough password' })
      .expect(409);
    expect(duplicate.body.code).toBe('EMAIL_TAKEN');
  });

  it("lists only the admin's own organisation, and other organisations' users are 404", async () => {
    const res = await t.http.get('/api/v1/users?limit=100').set(bearer(adminToken)).expect(200);
    const orgs = new Set(res.body.items.map((u: { organisationId: string }) => u.organisationId));
    expect([...orgs]).toEqual([w.service]);
    expect(res.body.items.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([w.admin.id, w.clinician.id, w.manager.id]));
    await t.http.patch(`/api/v1/users/${w.gpA.id}`).set(bearer(adminToken)).send({ version: 1, disabled: true }).expect(404);
  });

  it('non-admins cannot administer users', async () => {
    const clinician = await login(t.http, w.clinician.email);
    await t.http
      .post('/api/v1/users')
      .set(bearer(clinician.accessToken))
      .send({ email: 'a@test.carepath.test', name: 'A', role: 'admin', password: 'a long enough password' })
      .expect(403);
    await t.http.patch(`/api/v1/users/${w.manager.id}`).set(bearer(clinician.accessToken)).send({ version: 1, disabled: true }).expect(403);
    const me = await t.http.get('/api/v1/users').set(bearer(clinician.accessToken)).expect(200);
    expect(me.body.items.map((u: { id: string }) => u.id)).toEqual([w.clinician.id]);
  });

  it('disabling a user ends their sessions at once and stops them signing in', async () => {
    const victim = await login(t.http, w.manager.email);
    await t.http.get('/api/v1/me').set(bearer(victim.accessToken)).expect(200);
    const res = await t.http
      .patch(`/api/v1/users/${w.manager.id}`)
      .set(bearer(adminToken))
      .send({ version: 1, disabled: true })
      .expect(200);
    expect(res.body).toMatchObject({ disabled: true, version: 2 });
    await t.http.get('/api/v1/me').set(bearer(victim.accessToken)).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: victim.refreshToken }).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: w.manager.email, password: TEST_PASSWORD }).expect(401);
    // a stale version is refused and changes nothing
    const stale = await t.http
      .patch(`/api/v1/users/${w.manager.id}`)
      .set(bearer(adminToken))
      .send({ version: 1, disabled: false })
      .expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    await t.http.post('/api/v1/auth/login').send({ email: w.manager.email, password: TEST_PASSWORD }).expect(401);
    // re-enabling lets them sign in again
    await t.http.patch(`/api/v1/users/${w.manager.id}`).set(bearer(adminToken)).send({ version: 2, disabled: false }).expect(200);
    await login(t.http, w.manager.email);
  });

  it('an admin cannot disable themselves', async () => {
    const res = await t.http.patch(`/api/v1/users/${w.admin.id}`).set(bearer(adminToken)).send({ version: 1, disabled: true }).expect(422);
    expect(res.body.code).toBe('CANNOT_DISABLE_SELF');
  });
});

describe('login throttling (e2e)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_THROTTLE_LIMIT: '3' } });
    w = await createWorld(t.dataSource);
  });
  afterAll(() => t.close());

  it('answers 429 after too many attempts for one account, without blocking other accounts', async () => {
    for (let i = 0; i < 3; i += 1) {
      await t.http.post('/api/v1/auth/login').send({ email: w.admin.email, password: 'guess' }).expect(401);
    }
    const blocked = await t.http.post('/api/v1/auth/login').send({ email: w.admin.email, password: TEST_PASSWORD }).expect(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    await login(t.http, w.clinician.email);
  });
});
