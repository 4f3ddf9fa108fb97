import fc from 'fast-check';
import {
  bearer,
  DEMO,
  DEMO_USERS,
  ID_FIELDS,
  kindOf,
  login,
  Operation,
  openApiOperations,
  recordsOf,
  sampleValue,
  Schema,
  seedDemoService,
  TestApp,
  createTestApp,
  VALUE_PARAMS,
} from '@carepath/testing';
import { randomBytes } from 'node:crypto';

/**
 * Issue 13, Deliver 6: bad-input fuzzing from the app's own /openapi.json. Every operation gets requests built by
 * fast-check from its documented parameters and body: mostly a plausible request with one to three values made
 * hostile (wrong types, null, huge, deeply nested, unicode and lone surrogates, NUL, impossible dates, numbers past
 * PostgreSQL's range, SQL and LIKE metacharacters), in the path, the query and the body; sometimes a body that is
 * hostile as a whole. Signed in as each role of the demo service, with its real records' ids, so requests get past
 * the lookups. No answer may be a 5xx, and a write that was refused must leave every table's row count unchanged.
 */

const REQUESTS = 10_500;
const BATCH = 40;
/** Signing out ends the caller's session, which would end the run. */
const NOT_FUZZED = ['POST /api/v1/auth/logout'];
/** A refused request may be audited and may store its idempotency key. */
const MAY_GROW = ['audit_event', 'idempotency_key'];
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

const SQL = ["' OR '1'='1", "'; DROP TABLE patient; --", '%', '_', '%_%', '\\', '\\%', "%' OR 1=1 --", '"', '$1', '/*', ':id'];
const DATES = [
  '2025-02-30',
  '2026-02-29',
  '2026-13-01',
  '0000-00-00',
  '-001-01-01',
  '275760-09-14',
  '2026-03-02T25:00:00Z',
  '2026-02-30T10:00:00Z',
  '1970-01-01T00:00:00+99:00',
  'Tue Mar 03 2026',
  '2026-03-02T10:00:00.000000000001Z',
];
const NUMBERS = [2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1, 0, 0.5, -0, Number.MAX_SAFE_INTEGER, 1e20];
const STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00',
  '\u202e',
  '\ufeff',
  '👩🏽‍⚕️',
  'x'.repeat(5000),
  ' ',
  '',
  '<script>alert(1)</script>',
  '00000000-0000-0000-0000-000000000000',
  'null',
  '__proto__',
  '999 123 4567',
  '99999999999999999999',
];

const nested = (depth: number): unknown => {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...SQL, ...DATES, ...STRINGS, ...NUMBERS),
  fc.constantFrom<unknown>(null, true, false, [], {}, JSON.parse('{"__proto__":{"polluted":true}}')),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxKeys: 4 }),
  fc.integer({ min: 20, max: 3000 }).map(nested),
);

/** A value as it would arrive in a path or query string. */
const asText = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'));
/** encodeURIComponent refuses lone surrogates; a client could still send their UTF-8 bytes or a bad escape. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80%ZZ';
  }
}

interface FuzzRequest {
  method: string;
  url: string;
  query: string;
  body?: string;
  role: number;
}

describe('bad-input fuzzing from /openapi.json (e2e)', () => {
  let t: TestApp;
  let operations: Operation[];
  let resolve: (schema: Schema) => Schema;
  let records: Record<string, string | null>;
  const tokens: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const password = `fuzz-${randomBytes(8).toString('hex')}`;
    await seedDemoService(t, password);
    records = await recordsOf(t.dataSource, DEMO.service);
    // A user nobody signs in as, so a PATCH /users/:id cannot lock out a caller.
    const [spare] = await t.dataSource.query(
      `INSERT INTO app_user (organisation_id, email, name, role, discipline, password_hash)
       SELECT organisation_id, 'spare@demo.carepath.test', 'Spare Clinician', role, discipline, password_hash FROM app_user
        WHERE email = 'physio@demo.carepath.test' RETURNING id`,
    );
    records.users = spare.id;
    for (const user of DEMO_USERS.filter((u) => u.label !== 'gpB' && u.label !== 'physio')) {
      tokens.push((await login(t.http, user.email, password)).accessToken);
    }
    const document = await openApiOperations(t.http);
    operations = document.operations.filter((o) => !NOT_FUZZED.includes(o.key));
    resolve = document.resolve;
  }, 120_000);
  afterAll(() => t?.close());

  function requestArbitrary(op: Operation): fc.Arbitrary<FuzzRequest> {
    const plausible = (name: string) => {
      const kind = ID_FIELDS[name];
      return kind ? (records[kind] ?? undefined) : undefined;
    };
    const pathParams = [...op.path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]);
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    const bodyKeys = Object.keys(op.body?.properties ?? {});
    const validBody = op.body ? (sampleValue(op.body, resolve, plausible) as Record<string, unknown>) : undefined;
    const slots = [
      ...pathParams.map((p) => `path:${p}`),
      ...queryParams.map((p) => `query:${p.name}`),
      ...bodyKeys.map((k) => `body:${k}`),
    ];
    return fc
      .record({
        role: fc.nat({ max: tokens.length - 1 }),
        spoiled: slots.length
          ? fc.uniqueArray(fc.constantFrom(...slots), { minLength: 1, maxLength: Math.min(3, slots.length) })
          : fc.constant<string[]>([]),
        values: fc.array(hostile, { minLength: 3, maxLength: 3 }),
        wholeBody: op.body ? fc.option(hostile, { freq: 6 }) : fc.constant(null),
        extra: fc.option(fc.tuple(fc.string({ maxLength: 10 }), hostile), { freq: 8 }),
      })
      .map(({ role, spoiled, values, wholeBody, extra }) => {
        const hostileFor = (slot: string) => values[spoiled.indexOf(slot)];
        const path = op.path.replace(/\{([A-Za-z]+)\}/g, (_, param: string) => {
          if (spoiled.includes(`path:${param}`)) return encode(asText(hostileFor(`path:${param}`)));
          if (VALUE_PARAMS.includes(param)) return String(sampleValue(op.parameters.find((p) => p.name === param)?.schema ?? {}, resolve));
          return records[kindOf(op.path.replace(/\{([A-Za-z]+)\}/g, ':$1'), param)] ?? param;
        });
        const query = new URLSearchParams();
        for (const param of queryParams) {
          if (spoiled.includes(`query:${param.name}`)) query.set(param.name, asText(hostileFor(`query:${param.name}`)));
          else if (param.required) query.set(param.name, asText(sampleValue(param.schema ?? {}, resolve, plausible, param.name)));
        }
        let body: unknown = validBody ? { ...validBody } : undefined;
        if (body && typeof body === 'object') {
          for (const key of bodyKeys)
            if (spoiled.includes(`body:${key}`)) (body as Record<string, unknown>)[key] = hostileFor(`body:${key}`);
          if (extra) (body as Record<string, unknown>)[extra[0]] = extra[1];
        }
        if (wholeBody !== null) body = wholeBody;
        const queryText = [...query.entries()].map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
        return {
          method: op.method,
          url: path,
          query: queryText,
          body: body === undefined ? undefined : JSON.stringify(body),
          role,
        };
      });
  }

  async function rowCounts(): Promise<Record<string, number>> {
    const tables: { name: string }[] = await t.dataSource.query(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND NOT tablename = ANY($1) ORDER BY 1`,
      [MAY_GROW],
    );
    const [row] = await t.dataSource.query(`SELECT ${tables.map((x) => `(SELECT count(*)::int FROM ${x.name}) AS ${x.name}`).join(', ')}`);
    return row;
  }

  it(`answers ${REQUESTS.toLocaleString('en-GB')} hostile requests across every operation without a 5xx, and refused writes store nothing`, async () => {
    const perOperation = Math.ceil(REQUESTS / operations.length);
    const perOp = operations.map((op, i) => fc.sample(requestArbitrary(op), { numRuns: perOperation, seed: SEED + i }));
    // Interleaved, so each batch mixes operations as a burst of clients would.
    const all = Array.from({ length: perOperation }, (_, k) => perOp.map((list) => list[k])).flat();
    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    let refusedWrites = 0;
    let checkedWrites = 0;
    const started = Date.now();
    for (let i = 0; i < all.length; i += BATCH) {
      const batch = all.slice(i, i + BATCH);
      const before = await rowCounts();
      const results = await Promise.all(
        batch.map(async (r) => {
          const target = `${r.url}${r.query ? `?${r.query}` : ''}`;
          let req = t.http[r.method as 'get'](target).set(bearer(tokens[r.role]));
          if (r.body !== undefined && r.method !== 'get') req = req.set('Content-Type', 'application/json').send(r.body);
          const res = await req.catch((error: NodeJS.ErrnoException) => {
            // Node closes the connection after answering 431 to a request line and headers past 16 KB.
            if (target.length <= 16_000)
              failures.push(`${r.method.toUpperCase()} ${target.slice(0, 200)} -> ${error.code ?? error.message}`);
            return { status: 431, text: '' };
          });
          statuses[`${Math.floor(res.status / 100)}xx`] = (statuses[`${Math.floor(res.status / 100)}xx`] ?? 0) + 1;
          if (res.status >= 500)
            failures.push(
              `${r.method.toUpperCase()} ${target.slice(0, 200)} ${String(r.body).slice(0, 200)} -> ${res.status} ${res.text?.slice(0, 200)}`,
            );
          return { write: r.method !== 'get', ok: res.status < 400 };
        }),
      );
      const refused = results.filter((x) => x.write && !x.ok).length;
      refusedWrites += refused;
      // Only a batch in which every write was refused must leave the counts as they were.
      if (refused > 0 && results.every((x) => !x.write || !x.ok)) {
        expect(await rowCounts()).toEqual(before);
        checkedWrites += refused;
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `fuzz (seed ${SEED}): ${all.length} requests over ${operations.length} operations in ${seconds} s; ` +
        `${JSON.stringify(statuses)}; 5xx: ${failures.length}; refused writes ${refusedWrites}, ${checkedWrites} checked for unchanged row counts\n`,
    );
    expect(all.length).toBeGreaterThanOrEqual(10_000);
    expect(failures).toEqual([]);
    expect(checkedWrites).toBeGreaterThan(refusedWrites * 0.8);
  }, 300_000);
});
