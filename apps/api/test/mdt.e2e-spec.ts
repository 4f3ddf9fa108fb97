import { FixedClock } from '@carepath/common';
import { JobRegistry } from '@carepath/database';
import { MDT_WEEKLY_REMINDERS } from '@carepath/mdt';
import {
  bearer,
  createOrganisation,
  createPatient,
  createTestApp,
  createUser,
  createWorld,
  login,
  TestApp,
  TestUser,
  World,
} from '@carepath/testing';

interface DueItem {
  pathwayId: string;
  dueOn: string;
  reasons: string[];
  urgent: boolean;
  patient: { id: string; interpreterLanguage: string | null };
  leadClinicians: { id: string; name: string | null }[];
  scores: { measure: string; baseline: number | null; latest: number | null; change: number | null }[];
  sessions: { planned: number; dna: number };
  openTasks: { kind: string }[];
}

interface CaseItem extends DueItem {
  id: string;
  origin: string;
  version: number;
  decisions: {
    id: string;
    decision: string;
    summary?: string;
    amendsDecisionId: string | null;
    nextReviewOn: string;
    actions: { taskId: string }[];
  }[];
}

describe('MDT reviews (e2e)', () => {
  let t: TestApp;
  let w: World;
  let physio: TestUser;
  let outsider: TestUser;
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(new Date('2026-01-05T10:00:00Z'));
  const p: Record<'overdue' | 'flagged' | 'dna' | 'phq9' | 'notDue' | 'onHold', string> = {
    overdue: '',
    flagged: '',
    dna: '',
    phq9: '',
    notDue: '',
    onHold: '',
  };

  async function at(instant: string) {
    clock.set(new Date(instant));
    for (const key of ['admin', 'clinician', 'manager', 'gpA', 'sp'] as const)
      tokens[key] = (await login(t.http, w[key].email)).accessToken;
    tokens.physio = (await login(t.http, physio.email)).accessToken;
    tokens.outsider = (await login(t.http, outsider.email)).accessToken;
  }

  /** An accepted referral and its active pathway (physiotherapy led by the physio, psychology by the psychologist). */
  async function pathway(interpreter: string | null = null): Promise<{ id: string; activityId: string }> {
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA, { interpreterLanguage: interpreter });
    const referral = await t.http
      .post('/api/v1/referrals')
      .set(bearer(tokens.admin))
      .send({ patientId, priority: 'routine', reason: 'Back pain', receivedOn: '2025-12-01' })
      .expect(201);
    await t.http
      .post(`/api/v1/referrals/${referral.body.id}/triage`)
      .set(bearer(tokens.clinician))
      .send({ outcome: 'accept', modalities: ['physiotherapy', 'psychology'], version: 1 })
      .expect(200);
    const created = await t.http
      .post(`/api/v1/referrals/${referral.body.id}/pathway`)
      .set(bearer(tokens.clinician))
      .send({
        goals: ['Walk to the shops'],
        activities: [
          { modality: 'physiotherapy', plannedSessions: 6, leadClinicianId: physio.id },
          { modality: 'psychology', plannedSessions: 8, leadClinicianId: w.clinician.id },
        ],
      })
      .expect(201);
    return { id: created.body.id, activityId: created.body.activities[0].id };
  }

  const due = (by: string, token = tokens.clinician, extra = '') => t.http.get(`/api/v1/mdt/due?by=${by}${extra}`).set(bearer(token));
  const meeting = (id: string, token = tokens.clinician) => t.http.get(`/api/v1/mdt/meetings/${id}`).set(bearer(token));
  const decide = (meetingId: string, pathwayId: string, body: object, token = tokens.clinician) =>
    t.http.post(`/api/v1/mdt/meetings/${meetingId}/cases/${pathwayId}/decision`).set(bearer(token)).send(body);
  const tasksOf = (pathwayId: string) =>
    t.dataSource.query(
      `SELECT kind, assignee_user_id, due_on::text, detail, status FROM clinical_task WHERE pathway_id = $1 ORDER BY kind`,
      [pathwayId],
    );

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createWorld(t.dataSource);
    physio = await createUser(t.dataSource, w.service, 'clinician', 'physiotherapist');
    outsider = await createUser(t.dataSource, await createOrganisation(t.dataSource, 'pain-service'), 'clinician');
    await at('2026-01-05T10:00:00Z');
    p.overdue = (await pathway('Polish')).id;
    const onHold = await pathway();
    p.onHold = onHold.id;
    await t.http
      .post(`/api/v1/pathways/${onHold.id}/status`)
      .set(bearer(tokens.clinician))
      .send({ status: 'on-hold', reason: 'Surgery', version: 1 })
      .expect(200);
    await at('2026-03-20T10:00:00Z');
    p.flagged = (await pathway()).id;
    const dna = await pathway();
    p.dna = dna.id;
    p.phq9 = (await pathway()).id;
    p.notDue = (await pathway()).id;
    await t.http
      .post(`/api/v1/pathways/${p.phq9}/outcomes`)
      .set(bearer(tokens.clinician))
      .send({ measure: 'PHQ9', timepoint: 'baseline', answers: [2, 2, 2, 1, 1, 1, 1, 1, 1] })
      .expect(201);
    await at('2026-04-01T10:00:00Z');
    await t.http
      .post(`/api/v1/pathways/${p.flagged}/mdt-flag`)
      .set(bearer(tokens.physio))
      .send({ reason: 'Pain much worse; wants to stop' })
      .expect(201);
    await at('2026-04-02T10:00:00Z');
    const session = await t.http
      .post(`/api/v1/activities/${dna.activityId}/sessions`)
      .set(bearer(tokens.admin))
      .send({ startsAt: '2026-04-02T09:00:00Z', location: 'Riverside Clinic' })
      .expect(201);
    await t.http
      .post(`/api/v1/sessions/${session.body.id}/attendance`)
      .set(bearer(tokens.clinician))
      .send({ outcome: 'dna', version: 1 })
      .expect(200);
    await at('2026-04-06T10:00:00Z');
  });
  afterAll(() => t.close());

  describe('the due list', () => {
    it('lists urgent cases first (PHQ-9 task, flag), then the most overdue; on-hold and not-yet-due pathways never', async () => {
      const res = await due('2026-04-06').expect(200);
      const items = res.body.items as DueItem[];
      expect(items.map((i) => [i.pathwayId, i.dueOn, i.reasons, i.urgent])).toEqual([
        [p.phq9, '2026-03-20', ['phq9-urgent-task'], true],
        [p.flagged, '2026-04-01', ['flagged'], true],
        [p.overdue, '2026-03-30', ['scheduled-review'], false],
        [p.dna, '2026-04-02', ['dna-review-task'], false],
      ]);
      const overdue = items[2];
      expect(overdue.patient.interpreterLanguage).toBe('Polish');
      expect(overdue.leadClinicians.map((l) => l.id)).toEqual([physio.id, w.clinician.id]);
      expect(overdue.sessions).toMatchObject({ planned: 14, dna: 0 });
      expect(items[3].sessions).toMatchObject({ dna: 1 });
      expect(items[3].openTasks.map((o) => o.kind)).toEqual(['dna-review']);
      expect(items[0].scores.find((s) => s.measure === 'PHQ9')).toMatchObject({ baseline: 12, latest: 12, change: 0 });
      expect(res.body.nextCursor).toBeNull();
    });

    it('is keyset-paged, defaults to today, and an earlier day lists fewer cases', async () => {
      const first = await due('2026-04-06', tokens.clinician, '&limit=3').expect(200);
      expect(first.body.items).toHaveLength(3);
      const second = await due('2026-04-06', tokens.clinician, `&limit=3&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body.items.map((i: DueItem) => i.pathwayId)).toEqual([p.dna]);
      expect(second.body.nextCursor).toBeNull();
      const today = await t.http.get('/api/v1/mdt/due').set(bearer(tokens.clinician)).expect(200);
      expect(today.body.by).toBe('2026-04-06');
      const earlier = await due('2026-03-25').expect(200);
      expect(earlier.body.items.map((i: DueItem) => i.pathwayId)).toEqual([p.phq9]);
      await due('2026-02-30').expect(400);
      await due('2026-04-06', tokens.clinician, '&cursor=bm90LWEtY3Vyc29y').expect(400);
    });

    it('is for clinicians and admins of the service: GPs and social prescribers 403, service managers 403, outsiders see none', async () => {
      await due('2026-04-06', tokens.admin).expect(200);
      await due('2026-04-06', tokens.gpA).expect(403);
      await due('2026-04-06', tokens.sp).expect(403);
      await due('2026-04-06', tokens.manager).expect(403);
      const denied = await t.dataSource.query(
        `SELECT entity_type FROM audit_event WHERE actor_user_id = $1 AND outcome = 'denied' AND entity_type = 'Mdt'`,
        [w.gpA.id],
      );
      expect(denied.length).toBeGreaterThanOrEqual(1);
      expect((await due('2026-04-06', tokens.outsider).expect(200)).body.items).toEqual([]);
    });
  });

  describe('flags', () => {
    it('one standing flag per pathway; withdrawn with a reason; only an active pathway; another service 404', async () => {
      const again = await t.http
        .post(`/api/v1/pathways/${p.flagged}/mdt-flag`)
        .set(bearer(tokens.clinician))
        .send({ reason: 'x' })
        .expect(409);
      expect(again.body.code).toBe('MDT_FLAG_ALREADY_OPEN');
      await t.http.post(`/api/v1/pathways/${p.notDue}/mdt-flag`).set(bearer(tokens.clinician)).send({}).expect(400);
      const onHold = await t.http
        .post(`/api/v1/pathways/${p.onHold}/mdt-flag`)
        .set(bearer(tokens.clinician))
        .send({ reason: 'x' })
        .expect(409);
      expect(onHold.body.code).toBe('MDT_PATHWAY_NOT_REVIEWABLE');
      await t.http.post(`/api/v1/pathways/${p.notDue}/mdt-flag`).set(bearer(tokens.outsider)).send({ reason: 'x' }).expect(404);
      await t.http.post(`/api/v1/pathways/${p.notDue}/mdt-flag`).set(bearer(tokens.admin)).send({ reason: 'x' }).expect(403);
      await t.http.post(`/api/v1/pathways/${p.notDue}/mdt-flag`).set(bearer(tokens.gpA)).send({ reason: 'x' }).expect(403);
      const flagged = await t.http
        .post(`/api/v1/pathways/${p.notDue}/mdt-flag`)
        .set(bearer(tokens.clinician))
        .send({ reason: 'Asked for review' })
        .expect(201);
      expect(flagged.body).toMatchObject({ status: 'open', flaggedOn: '2026-04-06' });
      expect((await due('2026-04-06').expect(200)).body.items.map((i: DueItem) => i.pathwayId)).toContain(p.notDue);
      const withdrawn = await t.http
        .post(`/api/v1/pathways/${p.notDue}/mdt-flag/withdraw`)
        .set(bearer(tokens.clinician))
        .send({ reason: 'Settled after the review call' })
        .expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', closedReason: 'Settled after the review call' });
      expect((await due('2026-04-06').expect(200)).body.items.map((i: DueItem) => i.pathwayId)).not.toContain(p.notDue);
      const none = await t.http
        .post(`/api/v1/pathways/${p.notDue}/mdt-flag/withdraw`)
        .set(bearer(tokens.clinician))
        .send({ reason: 'x' })
        .expect(409);
      expect(none.body.code).toBe('MDT_NO_OPEN_FLAG');
    });
  });

  describe('a meeting', () => {
    let meetingId: string;

    it('needs attendees who are active clinicians of the service (422)', async () => {
      const bad = await t.http
        .post('/api/v1/mdt/meetings')
        .set(bearer(tokens.clinician))
        .send({ date: '2026-04-09', site: 'Riverside Clinic', attendeeIds: [w.clinician.id, w.admin.id] })
        .expect(422);
      expect(bad.body).toMatchObject({ code: 'NOT_A_CLINICIAN_OF_THE_SERVICE', details: { ids: [w.admin.id] } });
      await t.http
        .post('/api/v1/mdt/meetings')
        .set(bearer(tokens.clinician))
        .send({ date: '2026-04-09', site: 'Riverside Clinic', attendeeIds: [outsider.id] })
        .expect(422);
      await t.http
        .post('/api/v1/mdt/meetings')
        .set(bearer(tokens.admin))
        .send({ date: '2026-04-09', site: 'x', attendeeIds: [] })
        .expect(403);
    });

    it('generates its case list from the due list as of its day, refreshed until it starts, then frozen', async () => {
      const created = await t.http
        .post('/api/v1/mdt/meetings')
        .set(bearer(tokens.clinician))
        .send({ date: '2026-04-09', site: 'Riverside Clinic', attendeeIds: [w.clinician.id, physio.id] })
        .expect(201);
      meetingId = created.body.id;
      expect(created.body).toMatchObject({ status: 'planned', caseCount: 4, date: '2026-04-09' });
      expect(created.body.cases.map((c: CaseItem) => [c.pathwayId, c.origin, c.reasons])).toEqual([
        [p.phq9, 'generated', ['phq9-urgent-task']],
        [p.flagged, 'generated', ['flagged']],
        [p.overdue, 'generated', ['scheduled-review']],
        [p.dna, 'generated', ['dna-review-task']],
      ]);
      await t.http.post(`/api/v1/pathways/${p.notDue}/mdt-flag`).set(bearer(tokens.clinician)).send({ reason: 'Low mood' }).expect(201);
      const refreshed = await meeting(meetingId).expect(200);
      expect(refreshed.body.cases.map((c: CaseItem) => c.pathwayId)).toContain(p.notDue);
      await t.http.post(`/api/v1/pathways/${p.notDue}/mdt-flag/withdraw`).set(bearer(tokens.clinician)).send({ reason: 'x' }).expect(200);
      const dropped = await meeting(meetingId).expect(200);
      expect(dropped.body.cases.map((c: CaseItem) => c.pathwayId)).not.toContain(p.notDue);
      const added = await t.http
        .post(`/api/v1/mdt/meetings/${meetingId}/cases`)
        .set(bearer(tokens.clinician))
        .send({ pathwayId: p.notDue, reason: 'Wants to talk about a community group' })
        .expect(201);
      expect(added.body.cases.find((c: CaseItem) => c.pathwayId === p.notDue)).toMatchObject({ origin: 'added', reasons: [] });
      await t.http
        .post(`/api/v1/mdt/meetings/${meetingId}/cases`)
        .set(bearer(tokens.clinician))
        .send({ pathwayId: p.notDue, reason: 'again' })
        .expect(409);
      const started = await t.http
        .post(`/api/v1/mdt/meetings/${meetingId}/start`)
        .set(bearer(tokens.clinician))
        .send({ version: 1 })
        .expect(200);
      expect(started.body).toMatchObject({ status: 'in-progress', caseCount: 5 });
      await t.http.post(`/api/v1/mdt/meetings/${meetingId}/start`).set(bearer(tokens.clinician)).send({ version: 2 }).expect(409);
      await t.http
        .post(`/api/v1/pathways/${p.onHold}/status`)
        .set(bearer(tokens.clinician))
        .send({ status: 'active', version: 2 })
        .expect(200);
      const frozen = await meeting(meetingId).expect(200);
      expect(frozen.body.cases).toHaveLength(5);
      expect(frozen.body.cases.map((c: CaseItem) => c.pathwayId)).not.toContain(p.onHold);
    });

    it('is 404 to another service, 403 to GPs and social prescribers; admins see it', async () => {
      await meeting(meetingId, tokens.outsider).expect(404);
      await meeting(meetingId, tokens.gpA).expect(403);
      await meeting(meetingId, tokens.sp).expect(403);
      await meeting(meetingId, tokens.admin).expect(200);
      const list = await t.http.get('/api/v1/mdt/meetings').set(bearer(tokens.admin)).expect(200);
      expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([meetingId]);
      expect((await t.http.get('/api/v1/mdt/meetings').set(bearer(tokens.outsider)).expect(200)).body.items).toEqual([]);
    });

    it('refuses bad decisions: unknown kind 400, refer-on without destination 400, not on the list 409, stale 409, owner not a clinician 422', async () => {
      const cases = (await meeting(meetingId).expect(200)).body.cases as CaseItem[];
      const overdue = cases.find((c) => c.pathwayId === p.overdue) as CaseItem;
      const body = { summary: 'Improving', decision: 'continue', actions: [], version: overdue.version };
      await decide(meetingId, p.overdue, { ...body, decision: 'wait-and-see' }).expect(400);
      await decide(meetingId, p.overdue, { ...body, decision: 'refer-on' }).expect(400);
      expect((await decide(meetingId, p.onHold, body).expect(409)).body.code).toBe('MDT_CASE_NOT_ON_LIST');
      expect((await decide(meetingId, p.overdue, { ...body, version: overdue.version + 5 }).expect(409)).body.code).toBe('STALE_VERSION');
      const owner = await decide(meetingId, p.overdue, {
        ...body,
        actions: [{ description: 'Book a review', ownerId: w.admin.id, dueOn: '2026-04-30' }],
      }).expect(422);
      expect(owner.body.code).toBe('NOT_A_CLINICIAN_OF_THE_SERVICE');
      await decide(meetingId, p.overdue, body, tokens.admin).expect(403);
      await decide(meetingId, p.overdue, body, tokens.outsider).expect(404);
      expect(await tasksOf(p.overdue)).toEqual([]);
    });

    it('records each decision: actions become tasks, the flag is discussed, the next review 12 weeks on; follow-ups raised by the reacting libraries', async () => {
      const cases = (await meeting(meetingId).expect(200)).body.cases as CaseItem[];
      const version = (id: string) => (cases.find((c) => c.pathwayId === id) as CaseItem).version;
      const cont = await decide(meetingId, p.overdue, {
        summary: 'Walking further; keep going',
        decision: 'continue',
        actions: [{ description: 'Repeat PSEQ at the next session', ownerId: physio.id, dueOn: '2026-04-30' }],
        version: version(p.overdue),
      }).expect(201);
      expect(cont.body.decisions).toHaveLength(1);
      expect(cont.body.decisions[0]).toMatchObject({
        decision: 'continue',
        nextReviewOn: '2026-07-02',
        summary: 'Walking further; keep going',
      });
      expect(cont.body.version).toBe(version(p.overdue) + 1);
      expect(await tasksOf(p.overdue)).toEqual([
        {
          kind: 'mdt-action',
          assignee_user_id: physio.id,
          due_on: '2026-04-30',
          detail: 'Repeat PSEQ at the next session',
          status: 'open',
        },
      ]);
      await decide(meetingId, p.flagged, {
        summary: 'Switch to psychology first',
        decision: 'change-pathway',
        actions: [],
        version: version(p.flagged),
      }).expect(201);
      await decide(meetingId, p.dna, { summary: 'Not engaging', decision: 'discharge', actions: [], version: version(p.dna) }).expect(201);
      await decide(meetingId, p.phq9, {
        summary: 'Needs the community mental health team',
        decision: 'refer-on',
        destination: 'Leeds Community Mental Health Team',
        actions: [],
        version: version(p.phq9),
      }).expect(201);
      await decide(meetingId, p.notDue, {
        summary: 'Ready for a walking group',
        decision: 'handoff-to-community',
        actions: [],
        version: version(p.notDue),
      }).expect(201);

      const flags = await t.dataSource.query(`SELECT status FROM mdt_flag WHERE pathway_id = $1 ORDER BY flagged_at`, [p.flagged]);
      expect(flags).toEqual([{ status: 'discussed' }]);
      const after = (await due('2026-04-10').expect(200)).body.items.map((i: DueItem) => i.pathwayId);
      expect(after).toEqual([p.onHold]);
      const next = (await due('2026-07-02').expect(200)).body.items as DueItem[];
      expect(next.find((i) => i.pathwayId === p.overdue)).toMatchObject({ dueOn: '2026-07-02', reasons: ['scheduled-review'] });

      t.worker.start();
      await t.relay.relayAll();
      const followUps = async () =>
        (await t.dataSource.query(
          `SELECT pathway_id, kind, assignee_user_id, detail, due_on::text FROM clinical_task WHERE kind LIKE 'mdt-%' AND kind <> 'mdt-action' ORDER BY kind`,
        )) as { pathway_id: string; kind: string; assignee_user_id: string; detail: string | null; due_on: string }[];
      const deadline = Date.now() + 20000;
      while ((await followUps()).length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await followUps()).toEqual([
        { pathway_id: p.flagged, kind: 'mdt-change-pathway', assignee_user_id: physio.id, detail: null, due_on: '2026-04-20' },
        { pathway_id: p.dna, kind: 'mdt-discharge', assignee_user_id: physio.id, detail: null, due_on: '2026-04-20' },
        { pathway_id: p.notDue, kind: 'mdt-propose-handoff', assignee_user_id: physio.id, detail: null, due_on: '2026-04-20' },
        {
          pathway_id: p.phq9,
          kind: 'mdt-refer-on',
          assignee_user_id: physio.id,
          detail: 'Leeds Community Mental Health Team',
          due_on: '2026-04-20',
        },
      ]);
      expect(
        await t.dataSource.query(`SELECT r.status FROM referral r JOIN care_pathway cp ON cp.referral_id = r.id WHERE cp.id = $1`, [p.dna]),
      ).not.toEqual([{ status: 'discharged' }]);
    });

    it('amends a decision only with a reason, keeping the history; admins never see the summary', async () => {
      const cases = (await meeting(meetingId).expect(200)).body.cases as CaseItem[];
      const overdue = cases.find((c) => c.pathwayId === p.overdue) as CaseItem;
      const body = { summary: 'Walking further; add hydrotherapy', decision: 'change-pathway', actions: [], version: overdue.version };
      expect((await decide(meetingId, p.overdue, body).expect(409)).body.code).toBe('MDT_DECISION_EXISTS');
      const amended = await decide(meetingId, p.overdue, { ...body, amendmentReason: 'Minuted the wrong outcome' }).expect(201);
      expect(amended.body.decisions.map((d: CaseItem['decisions'][number]) => [d.decision, d.amendsDecisionId])).toEqual([
        ['continue', null],
        ['change-pathway', overdue.decisions[0].id],
      ]);
      expect(
        await t.dataSource.query(`SELECT 1 FROM outbox_event WHERE type = 'mdt.decision-recorded' AND payload->>'pathwayId' = $1`, [
          p.overdue,
        ]),
      ).toHaveLength(2);
      const changeTasks = () =>
        t.dataSource.query(`SELECT 1 FROM clinical_task WHERE pathway_id = $1 AND kind = 'mdt-change-pathway'`, [p.overdue]);
      await t.relay.relayAll();
      const deadline = Date.now() + 20000;
      while ((await changeTasks()).length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await t.relay.relayAll();
      expect(await changeTasks()).toHaveLength(1);
      const admin = (await meeting(meetingId, tokens.admin).expect(200)).body.cases as CaseItem[];
      const decisions = admin.flatMap((c) => c.decisions);
      expect(decisions.length).toBe(6);
      for (const d of decisions) expect(d).not.toHaveProperty('summary');
      expect(decisions.every((d) => Array.isArray(d.actions))).toBe(true);
      const clinician = (await meeting(meetingId).expect(200)).body.cases as CaseItem[];
      expect(clinician.flatMap((c) => c.decisions).every((d) => typeof d.summary === 'string')).toBe(true);
      const reads = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'MdtCase' AND action = 'read' AND actor_user_id = $1 AND patient_id IS NOT NULL`,
        [w.admin.id],
      );
      expect(reads[0].n).toBeGreaterThanOrEqual(5);
    });

    it('closes; a new decision on a closed meeting is 409', async () => {
      const current = (await meeting(meetingId).expect(200)).body;
      await t.http
        .post(`/api/v1/mdt/meetings/${meetingId}/close`)
        .set(bearer(tokens.clinician))
        .send({ version: current.version })
        .expect(200);
      const dna = (current.cases as CaseItem[]).find((c) => c.pathwayId === p.dna) as CaseItem;
      const closed = await decide(meetingId, p.dna, { summary: 'x', decision: 'continue', actions: [], version: dna.version }).expect(409);
      expect(closed.body.code).toBe('MDT_MEETING_CLOSED');
      await t.http
        .post(`/api/v1/mdt/meetings/${meetingId}/close`)
        .set(bearer(tokens.clinician))
        .send({ version: current.version + 1 })
        .expect(409);
    });
  });

  describe('weekly reminders', () => {
    const reminders = () =>
      t.dataSource.query(`SELECT user_id, message FROM notification WHERE type = 'mdt.cases-due' ORDER BY user_id, created_at`) as Promise<
        { user_id: string; message: string }[]
      >;

    it('tell each lead clinician once a week of their cases due within 14 days, however often the scheduler runs', async () => {
      const registry = t.app.get(JobRegistry);
      await registry.dispatch(MDT_WEEKLY_REMINDERS, {});
      await registry.dispatch(MDT_WEEKLY_REMINDERS, {});
      const once = await reminders();
      expect(once.map((r) => r.user_id).sort()).toEqual([physio.id, w.clinician.id].sort());
      expect(once.map((r) => r.message)).toEqual([
        '1 of your cases is due for MDT review by 2026-04-20',
        '1 of your cases is due for MDT review by 2026-04-20',
      ]);
      await at('2026-04-13T10:00:00Z');
      await registry.dispatch(MDT_WEEKLY_REMINDERS, {});
      expect(await reminders()).toHaveLength(4);
    });
  });

  describe('the report', () => {
    it('counts per month for service managers: cases discussed, decisions by kind, actions on time and late, overdue reviews; CSV too', async () => {
      const [action] = await t.dataSource.query(`SELECT id FROM clinical_task WHERE kind = 'mdt-action'`);
      await at('2026-05-04T10:00:00Z');
      const task = (await t.dataSource.query('SELECT version FROM clinical_task WHERE id = $1', [action.id]))[0];
      await t.http.post(`/api/v1/tasks/${action.id}/complete`).set(bearer(tokens.physio)).send({ version: task.version }).expect(200);
      const res = await t.http.get('/api/v1/reports/mdt?from=2026-03-01&to=2026-04-30').set(bearer(tokens.manager)).expect(200);
      expect(res.body.rows).toEqual([
        {
          month: '2026-03',
          casesDiscussed: 0,
          decisions: { continue: 0, 'change-pathway': 0, discharge: 0, 'refer-on': 0, 'handoff-to-community': 0 },
          actionsCompletedOnTime: 0,
          actionsCompletedLate: 0,
          overdueAtMonthEnd: 3,
        },
        {
          month: '2026-04',
          casesDiscussed: 5,
          decisions: { continue: 0, 'change-pathway': 2, discharge: 1, 'refer-on': 1, 'handoff-to-community': 1 },
          actionsCompletedOnTime: 0,
          actionsCompletedLate: 1,
          overdueAtMonthEnd: 1,
        },
      ]);
      const csv = await t.http.get('/api/v1/reports/mdt?from=2026-04-01&to=2026-04-30&format=csv').set(bearer(tokens.manager)).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text.split('\n')[1]).toBe('2026-04,5,0,2,1,1,1,0,1,1');
      await t.http.get('/api/v1/reports/mdt?from=2026-05-01&to=2026-04-01').set(bearer(tokens.manager)).expect(400);
      await t.http.get('/api/v1/reports/mdt?from=2020-01-01&to=2026-04-01').set(bearer(tokens.manager)).expect(400);
      await t.http.get('/api/v1/reports/mdt').set(bearer(tokens.gpA)).expect(403);
      await t.http.get('/api/v1/reports/mdt').set(bearer(tokens.clinician)).expect(403);
      expect((await t.http.get('/api/v1/reports/mdt').set(bearer(tokens.manager)).expect(200)).body.rows).toHaveLength(6);
    });
  });
});
