// npm run bench: seeds 100,000 referrals over 10 modalities into a bench
// database, then measures carepath and a bare-Node baseline running the same
// SQL, endpoint by endpoint, with autocannon on loopback. Writes bench/RESULTS.md.
import { fork, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, totalmem, platform, release } from 'node:os';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { runMigrations } = require(join(root, 'dist/libs/database/src/migrate.js'));
const argon2 = require('argon2');

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'carepath_bench';
const dbUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB}`;
  return url.toString();
})();
const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DEEP = 50_000;
const PASSWORD = 'bench-password-not-secret';
const CAREPATH_PORT = 3310;
const BASELINE_PORT = 3311;
const { THERAPY_MODALITIES: MODALITIES } = require(join(root, 'dist/libs/referrals/src/referral.rules.js'));
const { boundingBox } = require(join(root, 'dist/libs/directory/src/directory.rules.js'));
const { distanceSql } = require(join(root, 'dist/libs/directory/src/directory.service.js'));
const say = (line) => process.stdout.write(`bench: ${line}\n`);

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function prepareDatabase() {
  await withClient(ADMIN_URL, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB}`);
  });
  await runMigrations(dbUrl);
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
  say(`seeding ${REFERRALS} referrals over ${MODALITIES.length} modalities`);
  return withClient(dbUrl, async (c) => {
    const [{ service }] = (await c.query(`INSERT INTO organisation (type, name) VALUES ('pain-service', 'Bench Pain Service') RETURNING id AS service`)).rows;
    const [{ practice }] = (
      await c.query(`INSERT INTO organisation (type, name, ods_code) VALUES ('gp-practice', 'Bench Practice', 'Y99999') RETURNING id AS practice`)
    ).rows;
    const [{ admin }] = (
      await c.query(`INSERT INTO app_user (organisation_id, email, name, role, password_hash) VALUES ($1, 'admin@bench.carepath.test', 'Bench Admin', 'admin', $2) RETURNING id AS admin`, [
        service,
        hash,
      ])
    ).rows;
    await c.query(
      `INSERT INTO patient (service_id, nhs_number, given_name, family_name, date_of_birth, postcode, gp_practice_id, interpreter_language)
       SELECT $1, '9' || lpad(i::text, 9, '0'), 'Given' || i, 'Family' || (i % 997), date '1940-01-01' + (i % 20000), 'LS1 4AP', $2,
              CASE WHEN i % 20 = 0 THEN 'Polish' END
         FROM generate_series(1, $3) AS i`,
      [service, practice, REFERRALS],
    );
    await c.query(
      `INSERT INTO referral (service_id, patient_id, practice_id, referred_by_user_id, priority, reason, received_on, request_hash, status, modalities)
       SELECT $1, p.id, $2, $3, CASE WHEN random() < 0.1 THEN 'urgent' ELSE 'routine' END, 'Bench referral',
              current_date - (random() * 400)::int, md5(p.id::text), 'triaged-accepted', ARRAY[($4::text[])[1 + (p.n % 10)]]
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM patient) p`,
      [service, practice, admin, MODALITIES],
    );
    await c.query(`INSERT INTO clock_period (referral_id, seq, started_on) SELECT id, 1, received_on FROM referral`);
    await c.query(
      `INSERT INTO waiting_list_entry (referral_id, modality, service_id, practice_id, priority_rank, clock_started_on)
       SELECT r.id, m, r.service_id, r.practice_id, CASE r.priority WHEN 'urgent' THEN 0 ELSE 1 END, r.received_on
         FROM referral r CROSS JOIN LATERAL unnest(array_prepend('assessment', r.modalities)) AS m`,
    );
    await c.query(`INSERT INTO modality_capacity (service_id, modality, slots_per_week) SELECT $1, m, 50 FROM unnest($2::text[]) AS m`, [
      service,
      ['assessment', ...MODALITIES],
    ]);
    const [{ clinician }] = (
      await c.query(
        `INSERT INTO app_user (organisation_id, email, name, role, discipline, password_hash)
         VALUES ($1, 'clinician@bench.carepath.test', 'Bench Clinician', 'clinician', 'physiotherapist', $2) RETURNING id AS clinician`,
        [service, hash],
      )
    ).rows;
    const pathways = await seedPathways(c, service, clinician);
    await seedDirectory(c);
    await c.query('VACUUM ANALYZE');
    const deep = (
      await c.query(
        `SELECT priority_rank, clock_started_on::text AS started, referral_id FROM waiting_list_entry
          WHERE service_id = $1 AND modality = 'assessment'
          ORDER BY priority_rank, clock_started_on, referral_id OFFSET $2 LIMIT 1`,
        [service, DEEP - 1],
      )
    ).rows[0];
    const deepCursor = Buffer.from(JSON.stringify([String(deep.priority_rank), deep.started, deep.referral_id, String(DEEP)])).toString('base64url');
    const [{ patient }] = (await c.query('SELECT id AS patient FROM patient LIMIT 1')).rows;
    return { service, admin, clinician, patient, deepCursor, ...pathways };
  });
}

const ATTENDANCE_PATHWAYS = 3000;
const SESSIONS_PER_ATTENDANCE_PATHWAY = 10;

/**
 * One pathway of 6 activities and 40 sessions to read, and 30,000 booked
 * sessions over 3,000 in-treatment pathways to record attendance on (each
 * request uses up one session; spread out so requests do not queue on one
 * pathway's lock).
 */
async function seedPathways(c, service, clinician) {
  await c.query(
    `WITH picked AS (SELECT id FROM referral ORDER BY id LIMIT $1)
     UPDATE referral SET status = 'in-treatment' WHERE id IN (SELECT id FROM picked)`,
    [ATTENDANCE_PATHWAYS + 1],
  );
  await c.query(
    `INSERT INTO care_pathway (referral_id, service_id, patient_id, goals, status, created_by_user_id, created_at, updated_at)
     SELECT r.id, r.service_id, r.patient_id, ARRAY['Walk further', 'Sleep better'], 'active', $2, now(), now()
       FROM referral r WHERE r.status = 'in-treatment' AND r.service_id = $1`,
    [service, clinician],
  );
  const [{ big }] = (await c.query('SELECT id AS big FROM care_pathway ORDER BY id LIMIT 1')).rows;
  await c.query(
    `INSERT INTO pathway_activity (pathway_id, modality, planned_sessions, lead_clinician_id, status, created_at)
     SELECT $1, m, 8, $2, 'in-progress', now() FROM unnest($3::text[]) AS m`,
    [big, clinician, MODALITIES.slice(0, 6)],
  );
  await c.query(
    `INSERT INTO therapy_session (activity_id, pathway_id, starts_at, outcome, note, booked_by_user_id, created_at)
     SELECT a.id, a.pathway_id, now() - (n || ' days')::interval, CASE WHEN n % 5 = 0 THEN 'dna' ELSE 'attended' END, 'Session note', $2, now()
       FROM (SELECT id, pathway_id, row_number() OVER (ORDER BY seq) AS k FROM pathway_activity WHERE pathway_id = $1) a
       JOIN generate_series(1, 40) AS n ON (n - 1) % 6 + 1 = a.k`,
    [big, clinician],
  );
  await c.query(
    `INSERT INTO pathway_change (pathway_id, activity_id, kind, to_value, actor_user_id, changed_at)
     SELECT pathway_id, id, 'activity-added', modality, $2, now() FROM pathway_activity WHERE pathway_id = $1`,
    [big, clinician],
  );
  await c.query(
    `INSERT INTO pathway_activity (pathway_id, modality, planned_sessions, lead_clinician_id, status, created_at)
     SELECT id, 'physiotherapy', $2, $3, 'in-progress', now() FROM care_pathway WHERE id <> $1`,
    [big, SESSIONS_PER_ATTENDANCE_PATHWAY, clinician],
  );
  await c.query(
    `INSERT INTO therapy_session (activity_id, pathway_id, starts_at, booked_by_user_id, created_at)
     SELECT a.id, a.pathway_id, now() + (n || ' days')::interval, $2, now()
       FROM pathway_activity a CROSS JOIN generate_series(1, $3) AS n WHERE a.pathway_id <> $1`,
    [big, clinician, SESSIONS_PER_ATTENDANCE_PATHWAY],
  );
  // For GET /mdt/due: each pathway became active 0-160 days ago (so about half are past their 12-week review), one
  // in 20 has an open DNA-review task and one in 50 a standing MDT flag.
  await c.query(
    `INSERT INTO pathway_change (pathway_id, kind, to_value, actor_user_id, changed_at)
     SELECT id, 'created', 'active', $1, now() - (random() * 160 || ' days')::interval FROM care_pathway`,
    [clinician],
  );
  await c.query(
    `INSERT INTO clinical_task (service_id, kind, patient_id, referral_id, pathway_id, assignee_user_id, due_on, source_key, created_at)
     SELECT cp.service_id, 'dna-review', cp.patient_id, cp.referral_id, cp.id, $1, current_date, 'bench-dna:' || cp.id, now() - interval '3 days'
       FROM (SELECT *, row_number() OVER (ORDER BY id) AS n FROM care_pathway) cp WHERE cp.n % 20 = 0`,
    [clinician],
  );
  await c.query(
    `INSERT INTO mdt_flag (service_id, pathway_id, reason, flagged_on, flagged_by_user_id, flagged_at)
     SELECT cp.service_id, cp.id, 'Bench flag', current_date - 1, $1, now()
       FROM (SELECT *, row_number() OVER (ORDER BY id) AS n FROM care_pathway) cp WHERE cp.n % 50 = 7`,
    [clinician],
  );
  const booked = (await c.query(`SELECT id FROM therapy_session WHERE outcome = 'booked' ORDER BY starts_at, pathway_id`)).rows.map((r) => r.id);
  return { bigPathway: big, bookedSessions: booked };
}

const DIRECTORY_SERVICES = 10_000;
const { CATEGORIES } = require(join(root, 'dist/libs/directory/src/directory.rules.js'));

/** 10,000 community services spread over about 60 km around Leeds, and the searched postcode. */
async function seedDirectory(c) {
  const [{ vcs }] = (await c.query(`INSERT INTO organisation (type, name) VALUES ('vcs', 'Bench Community Network') RETURNING id AS vcs`)).rows;
  await c.query(`INSERT INTO postcode (postcode, outcode, latitude, longitude) VALUES ('LS6 1AN', 'LS6', 53.81565, -1.5674)`);
  await c.query(
    `INSERT INTO directory_service (organisation_id, name, description, categories, address, postcode, latitude, longitude,
                                   days, capacity_status, created_at, updated_at)
     SELECT $1, 'Bench service ' || i, 'A community activity', ARRAY[($2::text[])[1 + i % 9], ($2::text[])[1 + (i * 7) % 9]],
            'Somewhere in Leeds', 'LS6 1AN', 53.55 + random() * 0.55, -2.05 + random() * 0.95,
            ARRAY['mon'], 'open', now(), now()
       FROM generate_series(1, $3) AS i`,
    [vcs, CATEGORIES, DIRECTORY_SERVICES],
  );
}

async function explain(service, deepCursorValues) {
  return withClient(dbUrl, async (c) => {
    const sql = (after) => `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
      SELECT e.referral_id, e.priority_rank, e.clock_started_on, r.patient_id,
             EXISTS (SELECT 1 FROM patient_delay d WHERE d.referral_id = e.referral_id) AS has_delay
        FROM waiting_list_entry e JOIN referral r ON r.id = e.referral_id
       WHERE e.service_id = $1 AND e.modality = 'assessment'${after}
       ORDER BY e.priority_rank, e.clock_started_on, e.referral_id LIMIT 26`;
    const first = (await c.query(sql(''), [service])).rows.map((r) => r['QUERY PLAN']).join('\n');
    const deep = (
      await c.query(sql(' AND (e.priority_rank, e.clock_started_on, e.referral_id) > ($2, $3, $4)'), [service, ...deepCursorValues])
    ).rows.map((r) => r['QUERY PLAN']).join('\n');
    const { rows: located } = await c.query(`SELECT latitude, longitude FROM postcode WHERE postcode = 'LS6 1AN'`);
    const box = boundingBox(located[0].latitude, located[0].longitude, 5);
    const directory = (
      await c.query(
        `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
         SELECT s.*, d.km AS distance_km
           FROM directory_service s
           CROSS JOIN LATERAL (SELECT ${distanceSql('$1::float8', '$2::float8')} AS km) d
          WHERE s.categories @> ARRAY['physical-activity']::text[]
            AND point(s.longitude, s.latitude) <@ box(point($3, $4), point($5, $6)) AND d.km <= 5
          ORDER BY d.km, s.id LIMIT 26`,
        [located[0].latitude, located[0].longitude, box.minLon, box.minLat, box.maxLon, box.maxLat],
      )
    ).rows.map((r) => r['QUERY PLAN']).join('\n');
    return { first, deep, directory };
  });
}

function waitForHttp(url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () =>
      fetch(url)
        .then((r) => (r.ok ? resolve() : retry()))
        .catch(retry);
    const retry = () => (Date.now() > deadline ? reject(new Error(`${url} did not come up`)) : setTimeout(attempt, 250));
    attempt();
  });
}

function measure(title, options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION, ...options }, (error, result) => {
      if (error) return reject(error);
      const bad = result.non2xx + result.errors + result.timeouts;
      if (bad > 0) return reject(new Error(`${title}: ${bad} failed requests of ${result.requests.total}`));
      resolve({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total });
    });
  });
}

async function run() {
  const started = new Date();
  const { service, admin, clinician, patient, deepCursor, bigPathway, bookedSessions } = await prepareDatabase();

  say('starting carepath');
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const carepath = spawn(process.execPath, [...nodeArgs, join(root, 'dist/apps/api/src/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      REDIS_URL: '',
      // The API's own cost per request: the outbox relay and the worker (which would carry out, in the same process,
      // the effects of the writes being measured, and keep doing so during the next measurement) run elsewhere.
      WORKER_MODE: 'separate',
      PORT: String(CAREPATH_PORT),
      SEED_DEMO: 'false',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      LOGIN_THROTTLE_LIMIT: '10000',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHttp(`http://127.0.0.1:${CAREPATH_PORT}/health/ready`);
  const login = await fetch(`http://127.0.0.1:${CAREPATH_PORT}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@bench.carepath.test', password: PASSWORD }),
  }).then((r) => r.json());
  const claims = JSON.parse(Buffer.from(login.accessToken.split('.')[1], 'base64url').toString());
  const clinicianLogin = await fetch(`http://127.0.0.1:${CAREPATH_PORT}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'clinician@bench.carepath.test', password: PASSWORD }),
  }).then((r) => r.json());
  const clinicianClaims = JSON.parse(Buffer.from(clinicianLogin.accessToken.split('.')[1], 'base64url').toString());

  say('starting the baseline');
  const baseline = fork(join(root, 'bench/baseline-server.mjs'), [], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(BASELINE_PORT),
      BENCH_SESSION_ID: claims.sid,
      BENCH_USER_ID: admin,
      BENCH_CLINICIAN_SESSION_ID: clinicianClaims.sid,
      BENCH_CLINICIAN_ID: clinician,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise((resolve) => baseline.once('message', resolve));

  const headers = { Authorization: `Bearer ${login.accessToken}`, 'Content-Type': 'application/json' };
  const clinicianHeaders = { Authorization: `Bearer ${clinicianLogin.accessToken}`, 'Content-Type': 'application/json' };
  // Each attendance request records one booked session; the two servers draw from separate halves of the pool.
  const pools = { [CAREPATH_PORT]: bookedSessions.slice(0, bookedSessions.length / 2), [BASELINE_PORT]: bookedSessions.slice(bookedSessions.length / 2) };
  const nextSession = (port) => {
    const id = pools[port].shift();
    if (!id) throw new Error('ran out of booked sessions; raise ATTENDANCE_PATHWAYS');
    return id;
  };
  const today = new Date().toISOString().slice(0, 10);
  const cases = [
    { name: 'GET /waiting-list (first page)', path: '/api/v1/waiting-list?modality=assessment', method: 'GET' },
    { name: `GET /waiting-list (page ${DEEP.toLocaleString('en-GB')} rows deep)`, path: `/api/v1/waiting-list?modality=assessment&cursor=${deepCursor}`, method: 'GET' },
    {
      name: 'POST /referrals',
      path: '/api/v1/referrals',
      method: 'POST',
      body: JSON.stringify({ patientId: patient, priority: 'routine', reason: 'Benchmark referral', receivedOn: today }),
    },
    {
      name: 'GET /directory/services (10,000 services, 5 km, one category)',
      path: '/api/v1/directory/services?postcode=LS6%201AN&radiusKm=5&category=physical-activity',
      method: 'GET',
      headers: clinicianHeaders,
    },
    {
      name: `GET /mdt/due (${(ATTENDANCE_PATHWAYS + 1).toLocaleString('en-GB')} active pathways)`,
      path: '/api/v1/mdt/due',
      method: 'GET',
      headers: clinicianHeaders,
    },
    { name: 'GET /pathways/:id (6 activities, 40 sessions)', path: `/api/v1/pathways/${bigPathway}`, method: 'GET', headers: clinicianHeaders },
    {
      name: 'POST /sessions/:id/attendance',
      method: 'POST',
      headers: clinicianHeaders,
      requests: (port) => [
        {
          method: 'POST',
          setupRequest: (req) => ({ ...req, path: `/api/v1/sessions/${nextSession(port)}/attendance`, body: JSON.stringify({ outcome: 'attended', version: 1 }) }),
        },
      ],
    },
  ];
  const results = [];
  // BENCH_ONLY=POST (say) measures only the matching cases, for profiling one endpoint.
  for (const c of cases.filter((k) => !process.env.BENCH_ONLY || k.name.includes(process.env.BENCH_ONLY))) {
    const opts = (port) => ({
      url: `http://127.0.0.1:${port}${c.path ?? ''}`,
      method: c.method,
      headers: c.headers ?? headers,
      body: c.body,
      ...(c.requests ? { requests: c.requests(port) } : {}),
    });
    await measure(`${c.name} warm-up`, { ...opts(CAREPATH_PORT), duration: 2 });
    await measure(`${c.name} warm-up`, { ...opts(BASELINE_PORT), duration: 2 });
    say(`measuring ${c.name}`);
    const cp = await measure(c.name, opts(CAREPATH_PORT));
    const base = await measure(`${c.name} (baseline)`, opts(BASELINE_PORT));
    results.push({ ...c, carepath: cp, baseline: base, ratio: cp.rps / base.rps });
  }
  carepath.kill('SIGTERM');
  baseline.kill('SIGTERM');

  const deepValues = JSON.parse(Buffer.from(deepCursor, 'base64url').toString()).slice(0, 3);
  deepValues[0] = Number(deepValues[0]);
  const plans = await explain(service, deepValues);
  const indexScan = /Index (Only )?Scan using waiting_list_order_idx/.test(plans.first) && /Index (Only )?Scan using waiting_list_order_idx/.test(plans.deep);
  const directoryIndex = /directory_service_location_idx/.test(plans.directory);
  if (results.length < cases.length) {
    process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
    return;
  }
  const deepRatio = results[1].carepath.p50 / Math.max(results[0].carepath.p50, 1);
  const directoryResult = results.find((r) => r.name.startsWith('GET /directory'));
  const mdtResult = results.find((r) => r.name.startsWith('GET /mdt/due'));

  const { rows: versionRows } = await withClient(dbUrl, (c) => c.query('SHOW server_version'));
  const cpu = cpus();
  const table = results
    .map(
      (r) =>
        `| ${r.name} | ${r.carepath.rps.toFixed(0)} | ${r.carepath.p50} | ${r.carepath.p99} | ${r.baseline.rps.toFixed(0)} | ${r.baseline.p50} | ${r.baseline.p99} | ${r.ratio.toFixed(2)}× | ${r.ratio >= 0.5 ? 'yes' : '**no**'} |`,
    )
    .join('\n');
  const report = `# Benchmark results

Written by \`npm run bench\` on ${started.toISOString()}.

- Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}
- Node ${process.version}; PostgreSQL ${versionRows[0].server_version}; autocannon, ${CONNECTIONS} connections, ${DURATION} s per measurement after a 2 s warm-up, loopback
- Data: ${REFERRALS.toLocaleString('en-GB')} referrals over ${MODALITIES.length} modalities (${REFERRALS.toLocaleString('en-GB')} on the assessment list, about ${(REFERRALS / 10).toLocaleString('en-GB')} on each therapy list); ${DIRECTORY_SERVICES.toLocaleString('en-GB')} directory services over about 60 km around Leeds; one care pathway of 6 activities and 40 sessions to read; ${(ATTENDANCE_PATHWAYS * SESSIONS_PER_ATTENDANCE_PATHWAY).toLocaleString('en-GB')} booked sessions over ${ATTENDANCE_PATHWAYS.toLocaleString('en-GB')} pathways for attendance (each request records a different session)
- carepath: the built API (\`dist/apps/api/src/main.js\`, NODE_ENV=production, JSON request logging at \`${process.env.BENCH_LOG_LEVEL ?? 'info'}\` to /dev/null), with the PostgreSQL-backed queue and \`WORKER_MODE=separate\` (no worker runs during the measurements, so the effects of the writes measured never compete with the next measurement; the outbox rows they write are part of each request, in both servers)
- Baseline: \`bench/baseline-server.mjs\`, a bare Node HTTP server running the same SQL statements per request through plain \`pg\` (session check, the query, the audit insert, in one transaction), without the framework

Latencies in milliseconds.

| endpoint | carepath req/s | p50 | p99 | baseline req/s | p50 | p99 | ratio | ≥ 0.5× |
|---|---|---|---|---|---|---|---|---|
${table}

- Deep page p50 / first page p50: ${deepRatio.toFixed(2)} (target ≤ 1.5): ${deepRatio <= 1.5 ? 'met' : '**not met**'}
- \`EXPLAIN\` of the waiting-list query uses an index scan on \`waiting_list_order_idx\` for both pages: ${indexScan ? 'yes' : '**no**'}
- \`GET /mdt/due\` at least 0.7× the baseline (issue 9): ${mdtResult.ratio >= 0.7 ? 'met' : '**not met**'} (${mdtResult.ratio.toFixed(2)}×)
- Directory search p99 under 50 ms (at full load, ${CONNECTIONS} connections): ${directoryResult.carepath.p99 < 50 ? 'yes' : '**no**'} (${directoryResult.carepath.p99} ms); its \`EXPLAIN\` uses the GiST index \`directory_service_location_idx\`: ${directoryIndex ? 'yes' : '**no**'}

## EXPLAIN (ANALYZE, BUFFERS): directory search, 5 km, one category

\`\`\`
${plans.directory}
\`\`\`

## EXPLAIN (ANALYZE, BUFFERS): first page

\`\`\`
${plans.first}
\`\`\`

## EXPLAIN (ANALYZE, BUFFERS): ${DEEP.toLocaleString('en-GB')} rows deep, by cursor

\`\`\`
${plans.deep}
\`\`\`
`;
  writeFileSync(join(root, 'bench/RESULTS.md'), report);
  say('wrote bench/RESULTS.md');
  process.stdout.write(`\n| endpoint | carepath req/s | p50 | p99 | baseline req/s | p50 | p99 | ratio | ≥ 0.5× |\n|---|---|---|---|---|---|---|---|---|\n${table}\n`);
  process.stdout.write(`deep/first p50: ${deepRatio.toFixed(2)}; index scan: ${indexScan}\n`);
  await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
}

run().catch((error) => {
  process.stderr.write(`bench: failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
