// The baseline: a bare Node HTTP server running the same SQL statements that
// carepath runs for each benchmarked request, through plain `pg`, with none of
// the framework (no JWT, validation, CASL, ORM, logging). carepath's speed is
// reported as a ratio of this server's.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// The distance SQL and the bounding box come from carepath's own (built) code, so both servers run identical SQL.
const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { boundingBox } = require(join(root, 'dist/libs/directory/src/directory.rules.js'));
const { distanceSql } = require(join(root, 'dist/libs/directory/src/directory.service.js'));

pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const port = Number(process.env.PORT);
const SESSIONS = {
  admin: [process.env.BENCH_SESSION_ID, process.env.BENCH_USER_ID],
  clinician: [process.env.BENCH_CLINICIAN_SESSION_ID, process.env.BENCH_CLINICIAN_ID],
};

const SESSION_SQL = `SELECT u.id AS user_id, u.role, u.organisation_id, o.type AS organisation_type, u.discipline,
        u.disabled_at, s.revoked_at, s.expires_at
   FROM auth_session s JOIN app_user u ON u.id = s.user_id JOIN organisation o ON o.id = u.organisation_id
  WHERE s.id = $1 AND u.id = $2`;

const AUDIT_MANY_SQL = `INSERT INTO audit_event (occurred_at, actor_user_id, actor_role, actor_organisation_id, entity_type, entity_id,
                            patient_id, action, outcome, request_id)
   SELECT $1, $2, $3, $4, e.entity_type, e.entity_id, e.patient_id, e.action, 'allowed', $5
     FROM unnest($6::text[], $7::uuid[], $8::uuid[], $9::text[]) AS e(entity_type, entity_id, patient_id, action)`;

const AUDIT_ONE_SQL = `INSERT INTO audit_event (occurred_at, actor_user_id, actor_role, actor_organisation_id, entity_type, entity_id,
                            patient_id, action, outcome, request_id)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

async function session(who) {
  const { rows } = await pool.query(SESSION_SQL, SESSIONS[who]);
  return rows[0];
}

const PATHWAY_SQL = `SELECT cp.id, cp.referral_id, cp.service_id, cp.patient_id, cp.goals, cp.status, cp.version FROM care_pathway cp WHERE cp.id = $1`;

// libs/patients' PatientsService.summaries: what other libraries show of patients, one query per page.
const PATIENT_SUMMARIES_SQL = `SELECT id, service_id, nhs_number, given_name, family_name, phone, email, communication_format, communication_support,
        interpreter_language
   FROM patient WHERE id = ANY($1)`;

async function pathway(id, actor) {
  return inTransaction(async (client) => {
    const { rows } = await client.query(PATHWAY_SQL, [id]);
    const p = rows[0];
    await client.query(AUDIT_ONE_SQL, [new Date(), actor.user_id, actor.role, actor.organisation_id, 'Pathway', id, p.patient_id, 'read', 'allowed', 'baseline']);
    const needs = (await client.query(PATIENT_SUMMARIES_SQL, [[p.patient_id]])).rows[0];
    const activities = (
      await client.query('SELECT id, pathway_id, modality, planned_sessions, lead_clinician_id, status, version FROM pathway_activity WHERE pathway_id = $1 ORDER BY seq', [id])
    ).rows;
    const sessions = (
      await client.query('SELECT id, activity_id, starts_at, location, outcome, note, version FROM therapy_session WHERE pathway_id = $1 ORDER BY starts_at, id', [id])
    ).rows;
    const history = (
      await client.query('SELECT kind, activity_id, from_value, to_value, reason, actor_user_id, changed_at FROM pathway_change WHERE pathway_id = $1 ORDER BY seq', [id])
    ).rows;
    return { ...p, needs, activities: activities.map((a) => ({ ...a, sessions: sessions.filter((x) => x.activity_id === a.id) })), history };
  });
}

async function attendance(id, body, actor) {
  return inTransaction(async (client) => {
    const session = (await client.query('SELECT id, activity_id, pathway_id, starts_at, location, outcome, note, version FROM therapy_session WHERE id = $1', [id])).rows[0];
    const p = (await client.query(`${PATHWAY_SQL} FOR UPDATE OF cp`, [session.pathway_id])).rows[0];
    await client.query(
      `UPDATE therapy_session SET outcome = $3, note = $4, recorded_by_user_id = $5, recorded_at = $6, version = version + 1
        WHERE id = $1 AND version = $2 AND outcome = 'booked'`,
      [id, body.version, body.outcome, null, actor.user_id, new Date()],
    );
    await client.query('SELECT id, pathway_id, modality, planned_sessions, lead_clinician_id, status, version FROM pathway_activity WHERE id = $1', [session.activity_id]);
    await client.query('SELECT * FROM referral WHERE id = $1 LIMIT 1 FOR UPDATE', [p.referral_id]);
    await client.query(AUDIT_ONE_SQL, [new Date(), actor.user_id, actor.role, actor.organisation_id, 'TherapySession', id, p.patient_id, 'attendance', 'allowed', 'baseline']);
    const needs = (await client.query(PATIENT_SUMMARIES_SQL, [[p.patient_id]])).rows[0];
    return { id, outcome: body.outcome, version: body.version + 1, needs };
  });
}

async function inTransaction(fn) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function waitingList(url, actor) {
  const modality = url.searchParams.get('modality') ?? 'assessment';
  const limit = 25;
  const params = [actor.organisation_id, modality];
  let after = '';
  let startPosition = 0;
  const cursor = url.searchParams.get('cursor');
  if (cursor) {
    const [rank, started, id, position] = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    params.push(Number(rank), started, id);
    after = ' AND (e.priority_rank, e.clock_started_on, e.referral_id) > ($3, $4, $5)';
    startPosition = Number(position);
  }
  return inTransaction(async (client) => {
    const { rows } = await client.query(
      `SELECT e.referral_id, e.priority_rank, e.clock_started_on, e.awaiting_rebooking,
              r.patient_id, r.priority, r.practice_id, r.received_on, r.red_flags,
              EXISTS (SELECT 1 FROM patient_delay d WHERE d.referral_id = e.referral_id) AS has_delay
         FROM waiting_list_entry e
         JOIN referral r ON r.id = e.referral_id
        WHERE e.service_id = $1 AND e.modality = $2${after}
        ORDER BY e.priority_rank, e.clock_started_on, e.referral_id
        LIMIT ${limit + 1}`,
      params,
    );
    const { rows: capacity } = await client.query('SELECT slots_per_week FROM modality_capacity WHERE service_id = $1 AND modality = $2', [
      actor.organisation_id,
      modality,
    ]);
    const page = rows.slice(0, limit);
    const { rows: patients } = await client.query(PATIENT_SUMMARIES_SQL, [[...new Set(page.map((r) => r.patient_id))]]);
    const byId = new Map(patients.map((p) => [p.id, p]));
    await client.query(AUDIT_MANY_SQL, [
      new Date(),
      actor.user_id,
      actor.role,
      actor.organisation_id,
      'baseline',
      page.map(() => 'Referral'),
      page.map((r) => r.referral_id),
      page.map((r) => r.patient_id),
      page.map(() => 'waiting-list'),
    ]);
    const slots = capacity[0]?.slots_per_week ?? 0;
    return {
      modality,
      slotsPerWeek: slots,
      items: page.map((r, i) => ({ ...r, patient: byId.get(r.patient_id), position: startPosition + i + 1 })),
      nextCursor: rows.length > limit ? 'more' : null,
    };
  });
}

async function createReferral(body, actor) {
  const today = new Date().toISOString().slice(0, 10);
  return inTransaction(async (client) => {
    const { rows: patients } = await client.query('SELECT * FROM patient WHERE id = $1 LIMIT 1', [body.patientId]);
    const patient = patients[0];
    const { rows: inserted } = await client.query(
      `INSERT INTO referral (service_id, patient_id, practice_id, referred_by_user_id, priority, reason, red_flags, received_on,
                             external_reference, request_hash, status, modalities, intro_session, redirect_destination, status_reason, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, 'received', '{}', false, NULL, NULL, 1)
       RETURNING id, created_at, updated_at`,
      [patient.service_id, patient.id, patient.gp_practice_id, actor.user_id, body.priority, body.reason, '{}', body.receivedOn ?? today, 'hash'],
    );
    const id = inserted[0].id;
    await client.query(
      `INSERT INTO referral_status_change (referral_id, from_status, to_status, actor_user_id, reason, changed_at)
       VALUES ($1, NULL, 'received', $2, NULL, $3) RETURNING id`,
      [id, actor.user_id, new Date()],
    );
    await client.query('SELECT id, started_on, stopped_on, stop_reason, nullified FROM clock_period WHERE referral_id = $1 ORDER BY seq', [id]);
    await client.query('INSERT INTO clock_period (referral_id, seq, started_on, stopped_on, stop_reason, nullified) VALUES ($1, 1, $2, NULL, NULL, false)', [
      id,
      body.receivedOn ?? today,
    ]);
    await client.query(AUDIT_ONE_SQL, [new Date(), actor.user_id, actor.role, actor.organisation_id, 'Referral', id, patient.id, 'create', 'allowed', 'baseline']);
    const { rows: periods } = await client.query('SELECT id, started_on, stopped_on, stop_reason, nullified FROM clock_period WHERE referral_id = $1 ORDER BY seq', [id]);
    await client.query(
      `SELECT a.id, a.referral_id, a.kind, a.starts_at, a.location, a.communicated_at, a.outcome, a.is_treatment, a.version
         FROM referral_appointment a WHERE a.referral_id = $1 ORDER BY a.created_at, a.id`,
      [id],
    );
    await client.query('SELECT id, starts_on, ends_on, reason, declined_offer FROM patient_delay WHERE referral_id = $1 ORDER BY starts_on, id', [id]);
    await client.query('SELECT from_status, to_status, actor_user_id, reason, changed_at FROM referral_status_change WHERE referral_id = $1 ORDER BY seq', [id]);
    await client.query(`SELECT id, kind, priority, due_on FROM clinical_task WHERE referral_id = $1 AND status = 'open' ORDER BY due_on, id`, [id]);
    return { id, status: 'received', clock: periods[0] };
  });
}

async function directorySearch(url) {
  const postcode = url.searchParams.get('postcode');
  const radius = Number(url.searchParams.get('radiusKm'));
  const category = url.searchParams.get('category');
  const { rows: located } = await pool.query('SELECT latitude, longitude FROM postcode WHERE postcode = $1', [postcode]);
  const origin = located[0];
  const box = boundingBox(origin.latitude, origin.longitude, radius);
  const today = new Date().toISOString().slice(0, 10);
  const { rows } = await pool.query(
    `SELECT s.*, d.km AS distance_km
       FROM directory_service s
       CROSS JOIN LATERAL (SELECT ${distanceSql('$3::float8', '$4::float8')} AS km) d
      WHERE (s.valid_from IS NULL OR s.valid_from <= $1) AND (s.valid_to IS NULL OR s.valid_to >= $1) AND s.categories @> ARRAY[$2]::text[]
        AND point(s.longitude, s.latitude) <@ box(point($5, $6), point($7, $8)) AND d.km <= $9
      ORDER BY d.km, s.id
      LIMIT 26`,
    [today, category, origin.latitude, origin.longitude, box.minLon, box.minLat, box.maxLon, box.maxLat, radius],
  );
  const page = rows.slice(0, 25);
  const { rows: organisations } = await pool.query('SELECT id, name FROM organisation WHERE id = ANY($1)', [[...new Set(page.map((r) => r.organisation_id))]]);
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  return { items: page.map((r) => ({ ...r, organisation_name: names.get(r.organisation_id) })), nextCursor: rows.length > 25 ? 'more' : null };
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    if (req.method === 'GET' && url.pathname === '/api/v1/waiting-list') return send(res, 200, await waitingList(url, await session('admin')));
    if (req.method === 'POST' && url.pathname === '/api/v1/referrals') return send(res, 201, await createReferral(body, await session('admin')));
    if (req.method === 'GET' && url.pathname === '/api/v1/directory/services') {
      await session('clinician');
      return send(res, 200, await directorySearch(url));
    }
    const pathwayMatch = /^\/api\/v1\/pathways\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (req.method === 'GET' && pathwayMatch) return send(res, 200, await pathway(pathwayMatch[1], await session('clinician')));
    const attendanceMatch = /^\/api\/v1\/sessions\/([0-9a-f-]{36})\/attendance$/.exec(url.pathname);
    if (req.method === 'POST' && attendanceMatch) return send(res, 200, await attendance(attendanceMatch[1], body, await session('clinician')));
    send(res, 404, { statusCode: 404 });
  } catch (error) {
    send(res, 500, { message: String(error) });
  }
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
