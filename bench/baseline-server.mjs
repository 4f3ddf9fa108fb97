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
// The MDT's due rule and case-list order, from carepath's own built code: the same computation over the same facts.
const { dueCase, compareDueCases } = require(join(root, 'dist/libs/mdt/src/mdt.rules.js'));
const { sessionCounters } = require(join(root, 'dist/libs/pathways/src/pathway.rules.js'));

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

// libs/pathways' MDT facts (PathwaysService.reviewFacts) and progress, libs/mdt's reviews and flags, libs/tasks' open tasks.
const REVIEW_FACTS_SELECT = `SELECT cp.id, cp.service_id, cp.patient_id, cp.referral_id, cp.status,
        (SELECT (min(pc.changed_at) AT TIME ZONE 'Europe/London')::date::text FROM pathway_change pc
          WHERE pc.pathway_id = cp.id AND pc.kind IN ('created', 'status') AND pc.to_value = 'active') AS activated_on,
        ARRAY(SELECT a.lead_clinician_id FROM pathway_activity a
               WHERE a.pathway_id = cp.id AND a.status NOT IN ('cancelled', 'stopped') ORDER BY a.seq) AS lead_ids
   FROM care_pathway cp`;
const OPEN_TASKS_SQL = `SELECT id, kind, priority, due_on, pathway_id, assignee_user_id, (created_at AT TIME ZONE 'Europe/London')::date::text AS raised_on
   FROM clinical_task
  WHERE service_id = $1 AND status = 'open' AND pathway_id IS NOT NULL
    AND ($2::text[] IS NULL OR kind = ANY($2)) AND ($3::uuid[] IS NULL OR pathway_id = ANY($3))
  ORDER BY due_on, id`;
const MDT_MEASURES = ['PHQ9', 'GAD7', 'PSEQ', 'NRS'];

function londonToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

async function mdtDue(url, actor) {
  const by = url.searchParams.get('by') ?? londonToday();
  const limit = 25;
  const service = actor.organisation_id;
  return inTransaction(async (client) => {
    const pathways = (await client.query(`${REVIEW_FACTS_SELECT} WHERE cp.service_id = $1 AND cp.status = 'active'`, [service])).rows;
    const reviews = (
      await client.query(
        `SELECT d.pathway_id, max(d.meeting_on)::text AS last
           FROM mdt_decision d JOIN mdt_case c ON c.id = d.case_id JOIN mdt_meeting m ON m.id = c.meeting_id
          WHERE m.service_id = $1 AND d.meeting_on <= $2
          GROUP BY d.pathway_id`,
        [service, by],
      )
    ).rows;
    const flags = (await client.query(`SELECT pathway_id, flagged_on::text FROM mdt_flag WHERE service_id = $1 AND status = 'open'`, [service])).rows;
    const tasks = (await client.query(OPEN_TASKS_SQL, [service, ['dna-review', 'phq9-urgent'], null])).rows;
    const last = new Map(reviews.map((r) => [r.pathway_id, r.last]));
    const flagged = new Map(flags.map((f) => [f.pathway_id, f.flagged_on]));
    const raised = new Map();
    for (const t of tasks) {
      const own = raised.get(t.pathway_id) ?? { dna: [], phq9: [] };
      (t.kind === 'dna-review' ? own.dna : own.phq9).push(t.raised_on);
      raised.set(t.pathway_id, own);
    }
    const due = [];
    for (const p of pathways) {
      const found = dueCase(
        {
          pathwayStatus: p.status,
          activatedOn: p.activated_on,
          lastReviewedOn: last.get(p.id) ?? null,
          flaggedOn: flagged.get(p.id) ?? null,
          openDnaTasksRaisedOn: raised.get(p.id)?.dna ?? [],
          openPhq9TasksRaisedOn: raised.get(p.id)?.phq9 ?? [],
        },
        by,
      );
      if (found) due.push({ ...found, pathwayId: p.id, patientId: p.patient_id });
    }
    due.sort(compareDueCases);
    const page = due.slice(0, limit);
    const ids = page.map((d) => d.pathwayId);
    const facts = (await client.query(`${REVIEW_FACTS_SELECT} WHERE cp.id = ANY($1)`, [ids])).rows;
    const activities = (
      await client.query(`SELECT pathway_id, planned_sessions FROM pathway_activity WHERE pathway_id = ANY($1) AND status NOT IN ('cancelled', 'stopped')`, [ids])
    ).rows;
    const sessions = (await client.query('SELECT pathway_id, outcome FROM therapy_session WHERE pathway_id = ANY($1)', [ids])).rows;
    const measures = (
      await client.query(
        `SELECT pathway_id, measure, timepoint, total, vas, (recorded_at AT TIME ZONE 'Europe/London')::date::text AS recorded_on
           FROM outcome_measure WHERE pathway_id = ANY($1) AND measure = ANY($2) ORDER BY recorded_at, id`,
        [ids, MDT_MEASURES],
      )
    ).rows;
    const open = (await client.query(OPEN_TASKS_SQL, [service, null, ids])).rows;
    const patients = new Map((await client.query(PATIENT_SUMMARIES_SQL, [facts.map((f) => f.patient_id)])).rows.map((r) => [r.id, r]));
    const names = new Map(
      (await client.query('SELECT id, name FROM app_user WHERE id = ANY($1)', [[...new Set(facts.flatMap((f) => f.lead_ids))]])).rows.map((r) => [r.id, r.name]),
    );
    await client.query(AUDIT_MANY_SQL, [
      new Date(),
      actor.user_id,
      actor.role,
      actor.organisation_id,
      'baseline',
      page.map(() => 'Pathway'),
      page.map((d) => d.pathwayId),
      page.map((d) => d.patientId),
      page.map(() => 'mdt-due'),
    ]);
    const byId = new Map(facts.map((f) => [f.id, f]));
    return {
      by,
      items: page.map((d) => {
        const f = byId.get(d.pathwayId);
        const planned = activities.filter((a) => a.pathway_id === d.pathwayId).reduce((sum, a) => sum + a.planned_sessions, 0);
        return {
          ...d,
          referralId: f.referral_id,
          patient: patients.get(f.patient_id),
          leadClinicians: [...new Set(f.lead_ids)].map((id) => ({ id, name: names.get(id) ?? null })),
          sessions: sessionCounters(
            planned,
            sessions.filter((s) => s.pathway_id === d.pathwayId).map((s) => s.outcome),
          ),
          scores: MDT_MEASURES.map((measure) => measures.filter((m) => m.pathway_id === d.pathwayId && m.measure === measure)),
          openTasks: open.filter((t) => t.pathway_id === d.pathwayId),
        };
      }),
      nextCursor: due.length > limit ? 'more' : null,
    };
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
    const { rows: changes } = await client.query(
      `INSERT INTO referral_status_change (referral_id, from_status, to_status, actor_user_id, reason, changed_at)
       VALUES ($1, NULL, 'received', $2, NULL, $3) RETURNING id`,
      [id, actor.user_id, new Date()],
    );
    await client.query(
      `INSERT INTO outbox_event (type, aggregate_type, aggregate_id, payload) VALUES ($1, $2, $3, $4)
       RETURNING id, available_at, attempts, created_at`,
      ['referral.received', 'Referral', id, { referralId: id, statusChangeId: changes[0].id }],
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
    if (req.method === 'GET' && url.pathname === '/api/v1/mdt/due') return send(res, 200, await mdtDue(url, await session('clinician')));
    const pathwayMatch = /^\/api\/v1\/pathways\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (req.method === 'GET' && pathwayMatch) return send(res, 200, await pathway(pathwayMatch[1], await session('clinician')));
    const attendanceMatch = /^\/api\/v1\/sessions\/([0-9a-f-]{36})\/attendance$/.exec(url.pathname);
    if (req.method === 'POST' && attendanceMatch) return send(res, 200, await attendance(attendanceMatch[1], body, await session('clinician')));
    send(res, 404, { statusCode: 404 });
  } catch (error) {
    send(res, 500, { message: String(error) });
  }
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
