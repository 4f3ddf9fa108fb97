import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTestApp, createWorld, login, TEST_PASSWORD, TestApp, World } from '@carepath/testing';

const forged = (family: string = randomUUID()) => `${family}.${randomBytes(32).toString('base64url')}`;

// Issue 13, Deliver 5: refreshes were throttled by address and an email they do not have, so 11 bad refreshes from
// one address (a hospital NAT) blocked every user behind it. Refresh is throttled by session family; sign-in by
// address and email, under a looser ceiling per address; limits are kept in Redis and hold across API processes.
describe('throttling that is fair and shared (e2e)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_THROTTLE_LIMIT: '3' } });
    w = await createWorld(t.dataSource);
  });
  afterAll(() => t.close());

  it('bad refreshes from one address do not block another user behind the same address', async () => {
    const mine = await login(t.http, w.clinician.email);
    for (let i = 0; i < 11; i += 1) {
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: forged() }).expect(401);
    }
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: mine.refreshToken }).expect(200);
  });

  it('repeated bad refreshes of one session family are throttled, and only that family', async () => {
    const family = randomUUID();
    for (let i = 0; i < 3; i += 1)
      await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: forged(family) })
        .expect(401);
    const blocked = await t.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: forged(family) })
      .expect(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    const other = await login(t.http, w.manager.email);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
  });

  it('the web sign-in page is throttled as the API sign-in is, and shows the NHS page for it', async () => {
    const browser = request.agent(t.app.getHttpServer());
    const form = await browser.get('/sign-in').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
    expect(csrf).toBeDefined();
    const attempt = () => browser.post('/sign-in').type('form').send({ _csrf: csrf, email: w.gpA.email, password: 'wrong-guess' });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).status).toBe(400);
    const blocked = await attempt();
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many attempts');
    // Even the right password waits until the minute is up.
    const right = await browser.post('/sign-in').type('form').send({ _csrf: csrf, email: w.gpA.email, password: TEST_PASSWORD });
    expect(right.status).toBe(429);
  });

  it('one address trying many accounts meets the per-address ceiling (ten times the per-account limit)', async () => {
    const app = await createTestApp({ env: { LOGIN_THROTTLE_LIMIT: '2' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 21; i += 1) {
        statuses.push(
          (await app.http.post('/api/v1/auth/login').send({ email: `nobody${i}@example.test`, password: 'guess-guess' })).status,
        );
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses[20]).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe('throttling across two API processes sharing Redis (e2e)', () => {
  it('the limit for one account holds whichever API the attempts reach', async () => {
    const prefix = `throttle${randomBytes(4).toString('hex')}`;
    const a = await createTestApp({ env: { LOGIN_THROTTLE_LIMIT: '3', QUEUE_PREFIX: prefix } });
    const b = await createTestApp({ env: { LOGIN_THROTTLE_LIMIT: '3', QUEUE_PREFIX: prefix } });
    try {
      const w = await createWorld(a.dataSource);
      await a.http.post('/api/v1/auth/login').send({ email: w.admin.email, password: 'guess-one' }).expect(401);
      await b.http.post('/api/v1/auth/login').send({ email: w.admin.email, password: 'guess-two' }).expect(401);
      await a.http.post('/api/v1/auth/login').send({ email: w.admin.email, password: 'guess-three' }).expect(401);
      await b.http.post('/api/v1/auth/login').send({ email: w.admin.email, password: TEST_PASSWORD }).expect(429);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
