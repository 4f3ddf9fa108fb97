import { createTestApp, createWorld, login, TestApp, World } from '@carepath/testing';

describe('platform (e2e)', () => {
  let t: TestApp;
  let w: World;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t.dataSource);
    token = (await login(t.http, w.admin.email)).accessToken;
  });
  afterAll(() => t.close());

  it('/health/live and /health/ready answer without signing in', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', queue: 'up' } });
  });

  it('/docs serves the API explorer and /openapi.json the document', async () => {
    const docs = await t.http.get('/docs/').redirects(1).expect(200);
    expect(docs.text).toContain('swagger');
    const spec = await t.http.get('/openapi.json').expect(200);
    expect(spec.body.info.title).toBe('carepath API');
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/api/v1/patients', '/api/v1/patients/{id}/access-log']));
  });

  it('API responses are not cached and carry security headers and a request id', async () => {
    const res = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('malformed JSON is a 400 in the one error body', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'BAD_REQUEST',
      message: 'Request body is not valid JSON',
      requestId: expect.any(String),
    });
  });

  it('an over-large body is a 413', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.c', password: 'x'.repeat(200_000) })
      .expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an unknown route is a 404 in the one error body', async () => {
    const res = await t.http.get('/api/v1/nowhere').set('Authorization', `Bearer ${token}`).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', requestId: expect.any(String) });
  });

  it('a non-UUID id is a 400 naming the parameter', async () => {
    const res = await t.http.get('/api/v1/patients/123').set('Authorization', `Bearer ${token}`).expect(400);
    expect(res.body.details).toEqual({ fields: [{ field: 'id', messages: ['id must be a UUID'] }] });
  });

  it('the audit trail is append-only in the database itself', async () => {
    await t.dataSource.query(`INSERT INTO audit_event (entity_type, action, outcome) VALUES ('Patient', 'read', 'allowed')`);
    await expect(t.dataSource.query(`UPDATE audit_event SET outcome = 'denied'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM audit_event');
    expect(count).toBeGreaterThan(0);
  });

  it('a server fault answers 500 with only the request id, and no internals', async () => {
    await t.dataSource.query('ALTER TABLE notification RENAME TO notification_moved');
    try {
      const res = await t.http.get('/api/v1/notifications').set('Authorization', `Bearer ${token}`).expect(500);
      expect(res.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: 'Something went wrong; quote the request id when reporting it',
        requestId: res.headers['x-request-id'],
      });
    } finally {
      await t.dataSource.query('ALTER TABLE notification_moved RENAME TO notification');
    }
  });
});

describe('health when the database is gone (e2e)', () => {
  it('/health/ready is 503 naming the failed check', async () => {
    const t = await createTestApp();
    try {
      await t.dataSource.destroy();
      const res = await t.http.get('/health/ready').expect(503);
      expect(res.body).toMatchObject({ code: 'NOT_READY', details: { checks: { database: 'down', queue: 'up' } } });
    } finally {
      await t.app.close().catch(() => undefined);
      await t.database.drop();
    }
  });
});
