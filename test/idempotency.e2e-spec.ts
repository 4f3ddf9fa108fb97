import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { WEB_SESSION_KEY } from '@carepath/auth';
import { FixedClock } from '@carepath/common';
import { IDEMPOTENT } from '@carepath/database';
import type { Response } from 'supertest';
import { bearer, createPatient, createTestApp, createWorld, eventually, login, nextNhsNumber, TestApp, World } from '@carepath/testing';

const DAY_SECONDS = 24 * 60 * 60;

/** Every create route accepts an Idempotency-Key: the same key and body replay the first response, per user, for 24 hours. */
describe('Idempotency-Key on create routes (e2e)', () => {
  let t: TestApp;
  let w: World;
  let clock: FixedClock;
  const tokens: Record<string, string> = {};

  const signIn = async () => {
    for (const who of ['admin', 'clinician'] as const) tokens[who] = (await login(t.http, w[who].email)).accessToken;
  };
  const patientBody = (overrides: Record<string, unknown> = {}) => ({
    nhsNumber: nextNhsNumber(),
    givenName: 'Margaret',
    familyName: 'Holloway',
    dateOfBirth: '1958-06-14',
    postcode: 'LS6 1AN',
    gpPracticeId: w.practiceA,
    ...overrides,
  });
  const register = (who: 'admin' | 'clinician', key: string, body: object) =>
    t.http.post('/api/v1/patients').set(bearer(tokens[who])).set('Idempotency-Key', key).send(body);
  const patients = async (nhsNumber: string) =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM patient WHERE nhs_number = $1', [nhsNumber]))[0].n as number;

  beforeAll(async () => {
    clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));
    t = await createTestApp({ clock });
    w = await createWorld(t.dataSource);
    await signIn();
  });
  afterAll(() => t.close());

  it('the same key and body answer with the first response, and create one patient', async () => {
    const body = patientBody();
    const first = await register('admin', 'replay-1', body).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await register('admin', 'replay-1', { ...body }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await patients(body.nhsNumber)).toBe(1);
  });

  it('the same key with a different body, or on another route, is a 422 and changes nothing', async () => {
    const body = patientBody();
    await register('admin', 'reuse-1', body).expect(201);
    const other = patientBody();
    const res = await register('admin', 'reuse-1', other).expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await patients(other.nhsNumber)).toBe(0);
    const elsewhere = await t.http
      .post('/api/v1/organisations')
      .set(bearer(tokens.admin))
      .set('Idempotency-Key', 'reuse-1')
      .send({ type: 'vcs', name: 'Leeds Walking Group' })
      .expect(422);
    expect(elsewhere.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it("keys are per user: another user's same key is a request of its own", async () => {
    await register('admin', 'shared-key', patientBody()).expect(201);
    const theirs = patientBody();
    const res = await register('clinician', 'shared-key', theirs).expect(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await patients(theirs.nhsNumber)).toBe(1);
  });

  it('a refused request is not remembered: the corrected request with the same key goes through', async () => {
    const body = patientBody();
    await register('admin', 'fix-then-send', { ...body, dateOfBirth: 'not a date' }).expect(400);
    await register('admin', 'fix-then-send', { ...body, nhsNumber: '9434765918' }).expect(422);
    const res = await register('admin', 'fix-then-send', body).expect(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await patients(body.nhsNumber)).toBe(1);
  });

  it('a malformed key is a 400 and nothing is created', async () => {
    for (const key of ['k'.repeat(256), 'two words', '']) {
      const body = patientBody();
      const res = await register('admin', key, body).expect(400);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_INVALID');
      expect(await patients(body.nhsNumber)).toBe(0);
    }
    await register('admin', 'k'.repeat(255), patientBody()).expect(201);
  });

  it('replays the status the first request got (an intake matched by external reference is a 200)', async () => {
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
    const body = { patientId, priority: 'routine', reason: 'x', receivedOn: '2026-03-01', externalReference: '000011112222' };
    await t.http.post('/api/v1/referrals').set(bearer(tokens.admin)).send(body).expect(201);
    const matched = await t.http
      .post('/api/v1/referrals')
      .set(bearer(tokens.admin))
      .set('Idempotency-Key', 'intake-2')
      .send(body)
      .expect(200);
    const replayed = await t.http
      .post('/api/v1/referrals')
      .set(bearer(tokens.admin))
      .set('Idempotency-Key', 'intake-2')
      .send(body)
      .expect(200);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(matched.body);
  });

  it('while the first request is in flight, the same key is a 409; afterwards it replays; one patient', async () => {
    const body = patientBody();
    const blocker = t.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    let first: Promise<Response> | undefined;
    let second: Response;
    try {
      // Hold the first request inside its insert until the second has had its answer.
      await blocker.query('LOCK TABLE patient IN SHARE MODE');
      first = register('admin', 'in-flight', body).then((res) => res);
      await eventually(async () => {
        const [{ n }] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO "patient"%'`,
        );
        return n > 0 ? true : undefined;
      });
      second = await register('admin', 'in-flight', body).timeout(10_000);
    } finally {
      await blocker.commitTransaction();
      await blocker.release();
    }
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    const firstRes = await first;
    expect(firstRes.status).toBe(201);
    const third = await register('admin', 'in-flight', body).expect(201);
    expect(third.body).toEqual(firstRes.body);
    expect(await patients(body.nhsNumber)).toBe(1);
  });

  it('a key is kept 24 hours: it replays just before, and is a new request (its row purged) just after', async () => {
    clock.set(new Date('2026-03-10T09:00:00Z'));
    await signIn();
    const body = patientBody();
    const first = await register('admin', 'day-old', body).expect(201);

    clock.advanceSeconds(DAY_SECONDS - 1);
    await signIn();
    const replayed = await register('admin', 'day-old', body).expect(201);
    expect(replayed.body).toEqual(first.body);

    clock.advanceSeconds(2);
    await signIn();
    const next = patientBody();
    const fresh = await register('admin', 'day-old', next).expect(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(await patients(next.nhsNumber)).toBe(1);
    const rows: { created_at: Date }[] = await t.dataSource.query(
      `SELECT created_at FROM idempotency_key WHERE key IN ('day-old', 'replay-1') ORDER BY created_at`,
    );
    expect(rows.map((r) => r.created_at.toISOString())).toEqual(['2026-03-11T09:00:01.000Z']);
  });

  it('every create route (a POST answering 201) declares the header, in its metadata and in OpenAPI', async () => {
    const scanner = new MetadataScanner();
    const createRoutes: { key: string; idempotent: boolean }[] = [];
    for (const wrapper of [...t.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()])) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | undefined;
      // Pages post forms and redirect (post/redirect/get); the API's create routes are what a client retries.
      if (!controller || Reflect.getMetadata(WEB_SESSION_KEY, controller)) continue;
      const prototype = controller.prototype as Record<string, object>;
      const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined || Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
        if ((Reflect.getMetadata(HTTP_CODE_METADATA, handler) ?? 201) !== 201) continue;
        const full = `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
        createRoutes.push({ key: `POST ${full}`, idempotent: Reflect.getMetadata(IDEMPOTENT, handler) === true });
      }
    }
    expect(createRoutes.map((r) => r.key)).toEqual(expect.arrayContaining(['POST /patients', 'POST /referrals', 'POST /handoffs']));
    expect(createRoutes.filter((r) => !r.idempotent).map((r) => r.key)).toEqual([]);

    const openApi = (await t.http.get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    for (const route of createRoutes) {
      const path = `/api/v1${route.key.slice('POST '.length).replace(/:([A-Za-z]+)/g, '{$1}')}`;
      const headers = (openApi.paths[path]?.post?.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      expect(`${route.key}: ${headers.join(',')}`).toBe(`${route.key}: Idempotency-Key`);
    }
  });
});
