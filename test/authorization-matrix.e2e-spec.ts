import { randomBytes, randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Role, ROLES } from '@carepath/auth';
import { QUEUE_NAME } from '@carepath/database';
import { ConsentsService, PatientsService } from '@carepath/patients';
import { ReferralsService } from '@carepath/referrals';
import {
  actorOf,
  apiUrl,
  DEMO,
  DEMO_USERS,
  ID_FIELDS,
  kindOf,
  recordsOf,
  seedDemoService,
  SHARED_KINDS,
  VALUE_PARAMS,
  bearer,
  createTestApp,
  createWorld,
  eventually,
  login,
  nextNhsNumber,
  Operation,
  openApiOperations,
  registeredRoutes,
  Route,
  sampleValue,
  Schema,
  TEST_PASSWORD,
  TestApp,
} from '@carepath/testing';

/**
 * Issue 13, Deliver 6: the authorization matrix, walked from the registered routes so a new route is covered without
 * listing it. Two pain services: "demo" (the full demo seed: every kind of record, in every state) and "world"
 * (createWorld plus a patient, consent and accepted referral whose free text carries a marker). Every route is called
 * by every user of both services:
 *  - with the other service's records (path ids and ids in the body or query): the answer must be exactly the answer
 *    for an id that does not exist (404 Not Found, or the same 400/403), never 2xx, and nothing may change;
 *  - lists, counts, reports and CSV: no body may name a record of the other service (ids, NHS numbers, emails, marker);
 *  - with its own service's records: never a 5xx, and every single-record read answers 2xx to someone.
 */

/** Routes the sweep cannot call as an ordinary request: signing out ends the caller's session. */
const NOT_SWEPT = ['POST /auth/logout'];
/** What names a service's records in a response: ids, NHS numbers and users' emails. */
const TENANT_MARKERS = `
  SELECT id::text AS m FROM patient WHERE service_id = $1 UNION SELECT nhs_number FROM patient WHERE service_id = $1
  UNION SELECT id::text FROM referral WHERE service_id = $1 UNION SELECT id::text FROM care_pathway WHERE service_id = $1
  UNION SELECT id::text FROM clinical_task WHERE service_id = $1 UNION SELECT id::text FROM letter WHERE service_id = $1
  UNION SELECT id::text FROM mdt_meeting WHERE service_id = $1 UNION SELECT id::text FROM mdt_flag WHERE service_id = $1
  UNION SELECT id::text FROM handoff WHERE service_id = $1
  UNION SELECT c.id::text FROM consent c JOIN patient p ON p.id = c.patient_id WHERE p.service_id = $1
  UNION SELECT a.id::text FROM referral_appointment a JOIN referral r ON r.id = a.referral_id WHERE r.service_id = $1
  UNION SELECT a.id::text FROM pathway_activity a JOIN care_pathway p ON p.id = a.pathway_id WHERE p.service_id = $1
  UNION SELECT s.id::text FROM therapy_session s JOIN care_pathway p ON p.id = s.pathway_id WHERE p.service_id = $1
  UNION SELECT o.id::text FROM outcome_measure o JOIN care_pathway p ON p.id = o.pathway_id WHERE p.service_id = $1
  UNION SELECT n.id::text FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.organisation_id = ANY($2)
  UNION SELECT lower(email) FROM app_user WHERE organisation_id = ANY($2)`;
const TENANT_USERS = `SELECT id::text AS m FROM app_user WHERE organisation_id = ANY($1)`;
/** A patient's access log names whoever tried to open the record, refused callers of the other service included. */
const NAMES_WHO_TRIED = ['GET /patients/:id/access-log'];

/** Tables a refused request may write to: its audit trail and sessions. Every other table must be unchanged. */
const MAY_CHANGE = ['audit_event', 'auth_session', 'refresh_token', 'idempotency_key', 'typeorm_migrations'];

interface Tenant {
  name: string;
  records: Record<string, string | null>;
  markers: string[];
  /** Its users' ids: markers too, except where the caller is shown who tried to reach their own records. */
  users: string[];
  callers: Caller[];
}
interface Caller {
  label: string;
  role: Role;
  token: string;
  tenant: Tenant;
}
interface Outcome {
  status: number;
  code?: string;
  text: string;
}

const PASSWORD = `matrix-${randomBytes(8).toString('hex')}`;
const MARK = `zqmark${randomBytes(4).toString('hex')}`;

describe('authorization matrix (every registered route × every role × own and other pain service)', () => {
  let t: TestApp;
  let demo: Tenant;
  let world: Tenant;
  let routes: Route[];
  const operations = new Map<string, Operation>();
  let resolve: (schema: Schema) => Schema;
  const leaks: string[] = [];
  let requests = 0;
  const cells = new Set<string>();
  const otherStatuses: Record<number, number> = {};

  const otherOf = (tenant: Tenant) => (tenant === demo ? world : demo);
  const recordParams = (route: Route) =>
    [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).filter((p) => !VALUE_PARAMS.includes(p));
  const isTenantRoute = (route: Route) => recordParams(route).some((p) => !SHARED_KINDS.includes(kindOf(route.path, p)));
  const operationOf = (route: Route) => {
    const op = operations.get(`${route.method} ${apiUrl(route.path).replace(/:([A-Za-z]+)/g, '{$1}')}`);
    if (!op) throw new Error(`${route.key} is not in /openapi.json`);
    return op;
  };

  /** The request for a route with its ids taken from `records` (or fresh UUIDs naming nothing when null). */
  function build(route: Route, records: Record<string, string | null> | null) {
    const id = (kind: string) => (records ? (records[kind] ?? undefined) : randomUUID());
    const op = operationOf(route);
    let missing = false;
    let references = false;
    const pick = (name: string) => {
      const kind = ID_FIELDS[name];
      if (!kind) return undefined;
      references = true;
      const value = id(kind);
      if (value === undefined) missing = true;
      return name.endsWith('Ids') ? [value] : value;
    };
    const path = route.path.replace(/:([A-Za-z]+)/g, (_, param: string) => {
      if (VALUE_PARAMS.includes(param)) return String(sampleValue(op.parameters.find((p) => p.name === param)?.schema ?? {}, resolve));
      const value = id(kindOf(route.path, param));
      if (value === undefined) missing = true;
      return value ?? '';
    });
    const query: Record<string, unknown> = {};
    for (const param of op.parameters.filter((p) => p.in === 'query')) {
      if (param.name === 'limit') query.limit = param.schema?.maximum ?? 100;
      else if (ID_FIELDS[param.name] || param.required) query[param.name] = sampleValue(param.schema ?? {}, resolve, pick, param.name);
    }
    const body = op.body ? sampleValue(op.body, resolve, pick) : undefined;
    return { url: apiUrl(path), query, body, missing, references };
  }

  async function call(caller: Caller, route: Route, request: ReturnType<typeof build>): Promise<Outcome> {
    requests += 1;
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = t.http[method](request.url).query(request.query).set(bearer(caller.token));
    if (method !== 'get') req = req.send((request.body ?? {}) as object);
    const res = await req;
    const text = typeof res.text === 'string' ? res.text : Buffer.isBuffer(res.body) ? '' : JSON.stringify(res.body);
    const sent = `${request.url} ${JSON.stringify(request.query)} ${JSON.stringify(request.body ?? {})}`.toLowerCase();
    const other = otherOf(caller.tenant);
    const markers = NAMES_WHO_TRIED.includes(route.key) ? other.markers : [...other.markers, ...other.users];
    const named = markers.filter((m) => !sent.includes(m) && text.toLowerCase().includes(m));
    if (named.length > 0) leaks.push(`${caller.label} ${route.key}: the body names the other service's ${named.slice(0, 3).join(', ')}`);
    return { status: res.status, code: (res.body as { code?: string } | undefined)?.code, text };
  }

  async function fingerprint(): Promise<Record<string, string>> {
    const tables: { name: string }[] = await t.dataSource.query(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND NOT tablename = ANY($1) ORDER BY 1`,
      [MAY_CHANGE],
    );
    const prints: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${name} x`,
      );
      prints[name] = `${row.n}:${row.h}`;
    }
    return prints;
  }

  async function tenant(
    name: string,
    serviceId: string,
    organisations: string[],
    password: string,
    users: { label: string; role: Role; email: string }[],
  ) {
    const records = await recordsOf(t.dataSource, serviceId);
    const markers: { m: string }[] = await t.dataSource.query(TENANT_MARKERS, [serviceId, organisations]);
    const userIds: { m: string }[] = await t.dataSource.query(TENANT_USERS, [organisations]);
    const result: Tenant = { name, records, markers: markers.map((r) => r.m.toLowerCase()), users: userIds.map((r) => r.m), callers: [] };
    if (name === 'world') result.markers.push(MARK);
    for (const user of users) {
      const token = (await login(t.http, user.email, password)).accessToken;
      result.callers.push({ label: `${name}/${user.label}`, role: user.role, token, tenant: result });
    }
    return result;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoService(t, PASSWORD);

    const w = await createWorld(t.dataSource);
    const admin = await actorOf(t.app, w.admin);
    const clinician = await actorOf(t.app, w.clinician);
    const patient = await t.app.get(PatientsService).create(admin, {
      nhsNumber: nextNhsNumber(),
      givenName: `${MARK}given`,
      familyName: `${MARK}family`,
      dateOfBirth: '1970-01-01',
      postcode: 'LS1 4AP',
      gpPracticeId: w.practiceA,
    });
    await t.app.get(ConsentsService).give(clinician, patient.id, { organisationId: w.vcs, purpose: `${MARK} purpose` });
    const referrals = t.app.get(ReferralsService);
    const { referral } = await referrals.create(admin, { patientId: patient.id, priority: 'urgent', reason: `${MARK} reason` });
    await referrals.triage(clinician, referral.id, { outcome: 'accept', modalities: ['physiotherapy'], version: referral.version });

    // The events of both services' records become tasks and notifications, as in production.
    t.worker.start();
    const queue = t.app.get<Queue>(getQueueToken(QUEUE_NAME));
    await eventually(async () => {
      const relayed = await t.relay.relayAll();
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return relayed === 0 && Object.values(counts).every((n) => n === 0) ? true : undefined;
    }, 30_000);
    await t.worker.stop();

    demo = await tenant('demo', DEMO.service, Object.values(DEMO), PASSWORD, DEMO_USERS);
    world = await tenant('world', w.service, [w.service, w.practiceA, w.practiceB, w.vcs], TEST_PASSWORD, [
      { label: 'admin', role: 'admin', email: w.admin.email },
      { label: 'clinician', role: 'clinician', email: w.clinician.email },
      { label: 'manager', role: 'service_manager', email: w.manager.email },
      { label: 'gpA', role: 'gp', email: w.gpA.email },
      { label: 'gpB', role: 'gp', email: w.gpB.email },
      { label: 'sp', role: 'social_prescriber', email: w.sp.email },
    ]);

    const document = await openApiOperations(t.http);
    resolve = document.resolve;
    for (const op of document.operations) operations.set(op.key, op);
    routes = registeredRoutes(t.app).filter((r) => !r.isPage && !r.isPublic && !NOT_SWEPT.includes(r.key));
  }, 120_000);
  afterAll(() => t?.close());

  it('has both services, with a record of every kind in the demo service and markers to look for', () => {
    expect(routes.length).toBeGreaterThan(70);
    expect(Object.entries(demo.records).filter(([, id]) => !id)).toEqual([]);
    expect(demo.markers.length).toBeGreaterThan(200);
    expect(world.records.patients && world.records.referrals && world.records.consentId).toBeTruthy();
    expect(new Set([...demo.callers, ...world.callers].map((c) => c.role))).toEqual(new Set(ROLES));
  });

  it("another service's records are answered exactly as records that do not exist, and nothing changes", async () => {
    const before = await fingerprint();
    for (const route of routes) {
      for (const caller of [...world.callers, ...demo.callers]) {
        const foreign = build(route, otherOf(caller.tenant).records);
        // Lists that filter by an id answer 200 with nothing in them: the next test checks what they hold.
        if (foreign.missing || (!isTenantRoute(route) && (route.method === 'GET' || !foreign.references))) continue;
        const other = await call(caller, route, foreign);
        const none = await call(caller, route, build(route, null));
        cells.add(`${route.key}|${caller.role}|other`);
        otherStatuses[other.status] = (otherStatuses[other.status] ?? 0) + 1;
        if (other.status < 300 || other.status !== none.status || other.code !== none.code) {
          leaks.push(
            `${caller.label} ${route.key}: other service's record ${other.status} ${other.code}, no record ${none.status} ${none.code}`,
          );
        }
      }
    }
    const after = await fingerprint();
    const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
    expect(changed).toEqual([]);
    expect(leaks).toEqual([]);
  }, 180_000);

  it("lists, counts, reports and CSV never name the other service's records, even when asked for them by id", async () => {
    const seen = { demo: 0, world: 0 };
    for (const route of routes.filter((r) => r.method === 'GET' && !isTenantRoute(r))) {
      for (const caller of [...world.callers, ...demo.callers]) {
        const own = await call(caller, route, build(route, caller.tenant.records));
        const text = own.text.toLowerCase();
        if (caller.tenant.markers.some((m) => text.includes(m))) seen[caller.tenant.name as 'demo' | 'world'] += 1;
        cells.add(`${route.key}|${caller.role}|own`);
        const asking = build(route, otherOf(caller.tenant).records);
        if (asking.references && !asking.missing) {
          await call(caller, route, asking);
          cells.add(`${route.key}|${caller.role}|other`);
        }
      }
    }
    // The markers are found where they should be: the check would see a leak.
    expect(seen.demo).toBeGreaterThan(10);
    expect(seen.world).toBeGreaterThan(3);
    expect(leaks).toEqual([]);
  }, 180_000);

  it('own records: never a 5xx, and every single-record read answers someone of the service', async () => {
    const unread: string[] = [];
    const failures: string[] = [];
    const ordered = [...routes.filter((r) => r.method === 'GET'), ...routes.filter((r) => r.method !== 'GET')];
    for (const route of ordered) {
      let answered = false;
      for (const caller of [...demo.callers, ...world.callers]) {
        const request = build(route, caller.tenant.records);
        if (request.missing) continue;
        const outcome = await call(caller, route, request);
        cells.add(`${route.key}|${caller.role}|own`);
        if (outcome.status >= 500) failures.push(`${caller.label} ${route.key}: ${outcome.status}`);
        if (outcome.status < 300) answered = true;
      }
      if (route.method === 'GET' && isTenantRoute(route) && !answered) unread.push(route.key);
    }
    expect(failures).toEqual([]);
    expect(unread).toEqual([]);
    expect(leaks).toEqual([]);
  }, 180_000);

  it('called every route as every role', () => {
    const missing = routes.flatMap((r) => ROLES.filter((role) => !cells.has(`${r.key}|${role}|own`)).map((role) => `${r.key} as ${role}`));
    expect(missing).toEqual([]);
  });

  afterAll(() => {
    const checked = new Set([...cells].map((c) => c.split('|').slice(0, 2).join('|')));
    process.stdout.write(
      `authorization matrix: ${routes?.length ?? 0} routes × ${ROLES.length} roles (${(demo?.callers.length ?? 0) + (world?.callers.length ?? 0)} users in 2 pain services): ` +
        `${checked.size} route×role pairs, ${cells.size} route×role×tenant cells, ${requests} requests; other-service records answered ${JSON.stringify(otherStatuses)}; leaks found: ${leaks.length}\n`,
    );
  });
});
