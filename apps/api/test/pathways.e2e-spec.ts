import { AbilityFactory, Actor, ActorIdentity } from '@carepath/auth';
import { FixedClock, Forbidden } from '@carepath/common';
import { PathwaysService } from '@carepath/pathways';
import {
  bearer,
  createOrganisation,
  createPatient,
  createTestApp,
  createUser,
  createWorld,
  eventually,
  login,
  TestApp,
  TestUser,
  World,
} from '@carepath/testing';

describe('care pathways (e2e)', () => {
  let t: TestApp;
  let w: World;
  let physio: TestUser;
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(new Date('2026-09-01T09:00:00Z'));

  async function acceptedReferral(options: { interpreter?: string; modalities?: string[] } = {}) {
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA, { interpreterLanguage: options.interpreter ?? null });
    const created = await t.http
      .post('/api/v1/referrals')
      .set(bearer(tokens.admin))
      .send({ patientId, priority: 'routine', reason: 'Back pain', receivedOn: '2026-06-01' })
      .expect(201);
    await t.http
      .post(`/api/v1/referrals/${created.body.id}/triage`)
      .set(bearer(tokens.clinician))
      .send({ outcome: 'accept', modalities: options.modalities ?? ['physiotherapy', 'psychology'], version: 1 })
      .expect(200);
    return { patientId, referralId: created.body.id as string };
  }

  async function pathway(options: { interpreter?: string } = {}) {
    const { patientId, referralId } = await acceptedReferral(options);
    const res = await t.http
      .post(`/api/v1/referrals/${referralId}/pathway`)
      .set(bearer(tokens.clinician))
      .send({
        goals: ['Walk the dog every day', 'Sleep through the night'],
        activities: [
          { modality: 'physiotherapy', plannedSessions: 6, leadClinicianId: physio.id },
          { modality: 'psychology', plannedSessions: 8, leadClinicianId: w.clinician.id },
        ],
      })
      .expect(201);
    return {
      patientId,
      referralId,
      pathway: res.body as { id: string; version: number; activities: { id: string; modality: string; version: number }[] },
    };
  }

  const book = (activityId: string, startsAt: string, token = tokens.admin) =>
    t.http.post(`/api/v1/activities/${activityId}/sessions`).set(bearer(token)).send({ startsAt, location: 'Riverside Clinic' });
  const attend = (sessionId: string, outcome: string, version = 1, note?: string) =>
    t.http
      .post(`/api/v1/sessions/${sessionId}/attendance`)
      .set(bearer(tokens.clinician))
      .send({ outcome, version, ...(note ? { note } : {}) });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createWorld(t.dataSource);
    physio = await createUser(t.dataSource, w.service, 'clinician', 'physiotherapist');
    for (const key of ['admin', 'clinician', 'manager', 'gpA', 'sp'] as const)
      tokens[key] = (await login(t.http, w[key].email)).accessToken;
    tokens.physio = (await login(t.http, physio.email)).accessToken;
  });
  afterAll(() => t.close());

  describe('agreeing a pathway', () => {
    it('is agreed at assessment: goals, activities not started, history; the referral counts as assessed but the clock runs on', async () => {
      const { referralId, pathway: p } = await pathway();
      const full = (await t.http.get(`/api/v1/pathways/${p.id}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(full).toMatchObject({
        referralId,
        status: 'active',
        goals: ['Walk the dog every day', 'Sleep through the night'],
        version: 1,
      });
      expect(
        full.activities.map((a: { modality: string; status: string; counters: object }) => [a.modality, a.status, a.counters]),
      ).toEqual([
        ['physiotherapy', 'not-started', { planned: 6, booked: 0, attended: 0, dna: 0, cancelled: 0, remaining: 6 }],
        ['psychology', 'not-started', { planned: 8, booked: 0, attended: 0, dna: 0, cancelled: 0, remaining: 8 }],
      ]);
      expect(full.history.map((h: { kind: string }) => h.kind)).toEqual(['created', 'activity-added', 'activity-added']);
      const referral = (await t.http.get(`/api/v1/referrals/${referralId}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(referral).toMatchObject({ status: 'waiting', clock: { state: 'running', startedOn: '2026-06-01' } });
      const lists = await t.dataSource.query('SELECT modality FROM waiting_list_entry WHERE referral_id = $1 ORDER BY modality', [
        referralId,
      ]);
      expect(lists).toEqual([{ modality: 'physiotherapy' }, { modality: 'psychology' }]);
    });

    it('needs an accepted referral (409), one pathway per referral (409), and lead clinicians of this service (422)', async () => {
      const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
      const received = await t.http
        .post('/api/v1/referrals')
        .set(bearer(tokens.admin))
        .send({ patientId, priority: 'routine', reason: 'x' })
        .expect(201);
      const body = { goals: ['x'], activities: [{ modality: 'tens', plannedSessions: 2, leadClinicianId: w.clinician.id }] };
      const notAccepted = await t.http
        .post(`/api/v1/referrals/${received.body.id}/pathway`)
        .set(bearer(tokens.clinician))
        .send(body)
        .expect(409);
      expect(notAccepted.body).toMatchObject({ code: 'REFERRAL_NOT_ACCEPTED', details: { current: 'received' } });
      const { referralId } = await acceptedReferral();
      const otherService = await createOrganisation(t.dataSource, 'pain-service');
      const outsider = await createUser(t.dataSource, otherService, 'clinician');
      const foreign = await t.http
        .post(`/api/v1/referrals/${referralId}/pathway`)
        .set(bearer(tokens.clinician))
        .send({ goals: ['x'], activities: [{ modality: 'tens', plannedSessions: 2, leadClinicianId: outsider.id }] })
        .expect(422);
      expect(foreign.body.code).toBe('LEAD_CLINICIAN_NOT_IN_SERVICE');
      await t.http.post(`/api/v1/referrals/${referralId}/pathway`).set(bearer(tokens.clinician)).send(body).expect(201);
      const twice = await t.http.post(`/api/v1/referrals/${referralId}/pathway`).set(bearer(tokens.clinician)).send(body).expect(409);
      expect(twice.body.code).toBe('PATHWAY_EXISTS');
      await t.http
        .post(`/api/v1/referrals/${referralId}/pathway`)
        .set(bearer(tokens.clinician))
        .send({ goals: [], activities: [] })
        .expect(400);
    });
  });

  describe('the people in a pathway', () => {
    const actorOf = (user: TestUser): Actor => {
      const identity: ActorIdentity = {
        userId: user.id,
        role: user.role,
        organisationId: user.organisationId,
        organisationType: 'pain-service',
        discipline: null,
        sessionId: user.id,
      };
      return { ...identity, ability: t.app.get(AbilityFactory).createFor(identity), requestId: 'test' };
    };

    it('names each lead clinician and who made each change', async () => {
      const { pathway: p } = await pathway();
      const full = (await t.http.get(`/api/v1/pathways/${p.id}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(full.activities.map((a: { leadClinicianName: string }) => a.leadClinicianName)).toEqual(['Test clinician', 'Test clinician']);
      expect(new Set(full.history.map((h: { actorName: string }) => h.actorName))).toEqual(new Set(['Test clinician']));
    });

    it("offers as lead clinicians the service's active clinicians only, by name; admins are refused", async () => {
      const disabled = await createUser(t.dataSource, w.service, 'clinician');
      await t.dataSource.query('UPDATE app_user SET disabled_at = now(), name = $2 WHERE id = $1', [disabled.id, 'Zed Disabled']);
      const otherService = await createOrganisation(t.dataSource, 'pain-service');
      const outsider = await createUser(t.dataSource, otherService, 'clinician');
      const choices = await t.app.get(PathwaysService).leadClinicianChoices(actorOf(w.clinician));
      const ids = choices.map((c) => c.id);
      expect(ids).toEqual(expect.arrayContaining([w.clinician.id, physio.id]));
      expect(ids).not.toContain(disabled.id);
      expect(ids).not.toContain(outsider.id);
      expect(ids).not.toContain(w.admin.id);
      expect(choices.find((c) => c.id === physio.id)).toEqual({ id: physio.id, name: 'Test clinician', discipline: 'physiotherapist' });
      await expect(t.app.get(PathwaysService).leadClinicianChoices(actorOf(w.admin))).rejects.toBeInstanceOf(Forbidden);
    });
  });

  describe('status changes', () => {
    it('follows the CarePlan machine, version-checked, kept in history with the reason', async () => {
      const { pathway: p } = await pathway();
      const held = await t.http
        .post(`/api/v1/pathways/${p.id}/status`)
        .set(bearer(tokens.clinician))
        .send({ status: 'on-hold', reason: 'Surgery', version: 1 })
        .expect(200);
      expect(held.body).toMatchObject({ status: 'on-hold', version: 2 });
      const refused = await t.http
        .post(`/api/v1/pathways/${p.id}/status`)
        .set(bearer(tokens.clinician))
        .send({ status: 'completed', version: 2 })
        .expect(409);
      expect(refused.body.details).toEqual({ current: 'on-hold', requested: 'completed' });
      const stale = await t.http
        .post(`/api/v1/pathways/${p.id}/status`)
        .set(bearer(tokens.clinician))
        .send({ status: 'active', version: 1 })
        .expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      await t.http.post(`/api/v1/pathways/${p.id}/status`).set(bearer(tokens.clinician)).send({ status: 'active', version: 2 }).expect(200);
      const done = await t.http
        .post(`/api/v1/pathways/${p.id}/status`)
        .set(bearer(tokens.clinician))
        .send({ status: 'completed', version: 3 })
        .expect(200);
      expect(
        done.body.history
          .filter((h: { kind: string }) => h.kind === 'status')
          .map((h: { from: string; to: string; reason: string | null }) => [h.from, h.to, h.reason]),
      ).toEqual([
        ['active', 'on-hold', 'Surgery'],
        ['on-hold', 'active', null],
        ['active', 'completed', null],
      ]);
      await t.http
        .post(`/api/v1/pathways/${p.id}/status`)
        .set(bearer(tokens.admin))
        .send({ status: 'entered-in-error', version: 4 })
        .expect(403);
    });

    it('adds and changes activities with who, when and why', async () => {
      const { pathway: p } = await pathway();
      const added = await t.http
        .post(`/api/v1/pathways/${p.id}/activities`)
        .set(bearer(tokens.clinician))
        .send({ modality: 'tai-chi', plannedSessions: 10, leadClinicianId: physio.id, reason: 'Wants a group activity', version: 1 })
        .expect(201);
      expect(added.body.activities.map((a: { modality: string }) => a.modality)).toEqual(['physiotherapy', 'psychology', 'tai-chi']);
      const physioActivity = added.body.activities[0];
      const changed = await t.http
        .patch(`/api/v1/activities/${physioActivity.id}`)
        .set(bearer(tokens.clinician))
        .send({ plannedSessions: 8, reason: 'Slow progress', version: 1 })
        .expect(200);
      const last = changed.body.history[changed.body.history.length - 1];
      expect(last).toMatchObject({
        kind: 'planned-sessions',
        from: '6',
        to: '8',
        reason: 'Slow progress',
        actorUserId: w.clinician.id,
        activityId: physioActivity.id,
      });
      const cancelled = await t.http
        .patch(`/api/v1/activities/${physioActivity.id}`)
        .set(bearer(tokens.clinician))
        .send({ status: 'cancelled', reason: 'Declined', version: 2 })
        .expect(200);
      expect(cancelled.body.activities[0].status).toBe('cancelled');
      const refused = await t.http
        .patch(`/api/v1/activities/${physioActivity.id}`)
        .set(bearer(tokens.clinician))
        .send({ status: 'in-progress', reason: 'x', version: 3 })
        .expect(409);
      expect(refused.body.details).toEqual({ current: 'cancelled', requested: 'in-progress' });
    });
  });

  describe('sessions and the clock', () => {
    it('the first attended therapy session stops the referral clock for treatment; later ones change nothing', async () => {
      const { referralId, pathway: p } = await pathway();
      const [physioActivity, psychActivity] = p.activities;
      const first = await book(physioActivity.id, '2026-07-06T10:00:00Z').expect(201);
      const second = await book(psychActivity.id, '2026-07-20T10:00:00Z').expect(201);
      const after = (await t.http.get(`/api/v1/pathways/${p.id}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(after.activities.map((a: { status: string }) => a.status)).toEqual(['scheduled', 'scheduled']);
      await attend(first.body.id, 'attended', 1, 'Good engagement').expect(200);
      const referral = (await t.http.get(`/api/v1/referrals/${referralId}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(referral).toMatchObject({
        status: 'in-treatment',
        clock: { state: 'stopped', stopReason: 'first-treatment', stoppedOn: '2026-07-06', daysWaited: 35, weekBand: '4-5' },
      });
      expect(await t.dataSource.query('SELECT 1 FROM waiting_list_entry WHERE referral_id = $1', [referralId])).toEqual([]);
      await attend(second.body.id, 'attended').expect(200);
      const again = (await t.http.get(`/api/v1/referrals/${referralId}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(again.clock).toMatchObject({ stoppedOn: '2026-07-06', daysWaited: 35 });
      const view = (await t.http.get(`/api/v1/pathways/${p.id}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(view.activities[0]).toMatchObject({ status: 'in-progress', counters: { planned: 6, attended: 1, remaining: 5 } });
      expect(view.activities[0].sessions[0].note).toBe('Good engagement');
    });

    it('a referral moved on by its pathway changes the one way: status history, clock and an audit event for each change', async () => {
      const { referralId, pathway: p } = await pathway();
      const session = await book(p.activities[0].id, '2026-07-06T10:00:00Z').expect(201);
      await attend(session.body.id, 'attended').expect(200);
      const referral = (await t.http.get(`/api/v1/referrals/${referralId}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(referral.statusHistory.map((h: { to: string; reason: string | null }) => [h.to, h.reason])).toEqual([
        ['received', null],
        ['triaged-accepted', null],
        ['waiting', 'assessed: care pathway agreed'],
        ['in-treatment', 'first therapy session attended'],
      ]);
      expect(referral).toMatchObject({ version: 4, clock: { state: 'stopped', stopReason: 'first-treatment' } });
      const audit = await t.dataSource.query(
        `SELECT action, actor_user_id FROM audit_event WHERE entity_type = 'Referral' AND entity_id = $1 AND outcome = 'allowed' AND action IN ('assessed', 'start-treatment') ORDER BY id`,
        [referralId],
      );
      expect(audit).toEqual([
        { action: 'assessed', actor_user_id: w.clinician.id },
        { action: 'start-treatment', actor_user_id: w.clinician.id },
      ]);
    });

    it('a DNA raises a review task for the lead clinician and discharges nothing; a cancelled session takes no attendance (409)', async () => {
      const { referralId, pathway: p } = await pathway();
      const physioActivity = p.activities[0];
      const missed = await book(physioActivity.id, '2026-08-10T10:00:00Z').expect(201);
      const cancelled = await book(physioActivity.id, '2026-08-17T10:00:00Z').expect(201);
      await attend(missed.body.id, 'dna').expect(200);
      const tasks = (await t.http.get('/api/v1/tasks').set(bearer(tokens.physio)).expect(200)).body.items;
      expect(tasks).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'dna-review', pathwayId: p.id, assigneeUserId: physio.id })]),
      );
      await attend(cancelled.body.id, 'cancelled-by-service').expect(200);
      const again = await attend(cancelled.body.id, 'attended', 2).expect(409);
      expect(again.body.details).toEqual({ current: 'cancelled-by-service', requested: 'attended' });
      const referral = (await t.http.get(`/api/v1/referrals/${referralId}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(referral).toMatchObject({ status: 'waiting', clock: { state: 'running' } });
      const view = (await t.http.get(`/api/v1/pathways/${p.id}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(view).toMatchObject({ status: 'active' });
      expect(view.activities[0].counters).toEqual({ planned: 6, booked: 0, attended: 0, dna: 1, cancelled: 1, remaining: 6 });
    });

    it("every booking shows the patient's interpreter and communication needs", async () => {
      const { pathway: p } = await pathway({ interpreter: 'Arabic' });
      const booked = await book(p.activities[0].id, '2026-09-10T10:00:00Z').expect(201);
      expect(booked.body.communicationNeeds).toEqual({
        interpreterNeeded: true,
        interpreterLanguage: 'Arabic',
        format: 'standard',
        support: [],
      });
    });
  });

  describe('who sees what', () => {
    it('admins see summaries, sessions and counters but no notes or outcome answers; GPs and social prescribers nothing', async () => {
      const { pathway: p } = await pathway();
      const s = await book(p.activities[0].id, '2026-08-01T10:00:00Z').expect(201);
      await attend(s.body.id, 'attended', 1, 'Discussed low mood').expect(200);
      await t.http
        .post(`/api/v1/pathways/${p.id}/outcomes`)
        .set(bearer(tokens.clinician))
        .send({ measure: 'NRS', timepoint: 'baseline', answers: [7] })
        .expect(201);
      const adminView = (await t.http.get(`/api/v1/pathways/${p.id}`).set(bearer(tokens.admin)).expect(200)).body;
      expect(adminView.activities[0].counters.attended).toBe(1);
      expect(adminView.activities[0].sessions[0]).not.toHaveProperty('note');
      expect(JSON.stringify(adminView)).not.toContain('Discussed low mood');
      await t.http.get(`/api/v1/pathways/${p.id}/outcomes`).set(bearer(tokens.admin)).expect(403);
      await t.http
        .post(`/api/v1/pathways/${p.id}/outcomes`)
        .set(bearer(tokens.admin))
        .send({ measure: 'NRS', timepoint: 'review', answers: [5] })
        .expect(403);
      for (const who of ['gpA', 'sp', 'manager']) await t.http.get(`/api/v1/pathways/${p.id}`).set(bearer(tokens[who])).expect(403);
      const rows = await t.dataSource.query(`SELECT outcome FROM audit_event WHERE entity_id = $1 AND actor_user_id = $2`, [
        p.id,
        w.gpA.id,
      ]);
      expect(rows).toEqual([{ outcome: 'denied' }]);
    });

    it('a clinician of another service gets 404, and the attempt is audited', async () => {
      const { pathway: p } = await pathway();
      const otherService = await createOrganisation(t.dataSource, 'pain-service');
      const outsider = await createUser(t.dataSource, otherService, 'clinician');
      const token = (await login(t.http, outsider.email)).accessToken;
      const res = await t.http.get(`/api/v1/pathways/${p.id}`).set(bearer(token)).expect(404);
      expect(res.body.code).toBe('PATHWAY_NOT_FOUND');
      await t.http
        .post(`/api/v1/activities/${p.activities[0].id}/sessions`)
        .set(bearer(token))
        .send({ startsAt: '2026-09-10T10:00:00Z' })
        .expect(404);
      const audit = await t.dataSource.query(`SELECT outcome FROM audit_event WHERE actor_user_id = $1 ORDER BY id`, [outsider.id]);
      expect(audit).toEqual([{ outcome: 'denied' }, { outcome: 'denied' }]);
    });

    it('reading a pathway takes the same number of queries however many activities and sessions it has (no N+1)', async () => {
      const small = await pathway();
      const large = await pathway();
      for (let i = 0; i < 4; i += 1) {
        await t.http
          .post(`/api/v1/pathways/${large.pathway.id}/activities`)
          .set(bearer(tokens.clinician))
          .send({ modality: 'tens', plannedSessions: 10, leadClinicianId: physio.id, reason: 'more', version: i + 1 })
          .expect(201);
      }
      const view = (await t.http.get(`/api/v1/pathways/${large.pathway.id}`).set(bearer(tokens.clinician)).expect(200)).body;
      for (let i = 0; i < 40; i += 1)
        await book(view.activities[i % 6].id, `2026-10-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`).expect(201);
      const count = async (id: string) => {
        const queries: string[] = [];
        const logger = t.dataSource.logger as unknown as { logQuery: (q: string) => void };
        const original = logger.logQuery;
        logger.logQuery = (q: string) => queries.push(q);
        try {
          await t.http.get(`/api/v1/pathways/${id}`).set(bearer(tokens.clinician)).expect(200);
        } finally {
          logger.logQuery = original;
        }
        return queries.length;
      };
      const few = await count(small.pathway.id);
      const many = await count(large.pathway.id);
      expect(many).toBe(few);
      // The pathway's five queries (with the names of its people), the patient's needs, the scope check and the audit.
      expect(many).toBeLessThanOrEqual(10);
    });
  });

  describe('outcome measures', () => {
    it('scores on the server, and names every bad item (400)', async () => {
      const { pathway: p } = await pathway();
      const gad = await t.http
        .post(`/api/v1/pathways/${p.id}/outcomes`)
        .set(bearer(tokens.clinician))
        .send({ measure: 'GAD7', timepoint: 'baseline', answers: [2, 2, 2, 2, 2, 0, 0] })
        .expect(201);
      expect(gad.body).toMatchObject({ total: 10, band: 'moderate', urgent: false });
      const eq = await t.http
        .post(`/api/v1/pathways/${p.id}/outcomes`)
        .set(bearer(tokens.clinician))
        .send({
          measure: 'EQ5D5L',
          timepoint: 'baseline',
          answers: { mobility: 2, selfCare: 1, usualActivities: 3, painDiscomfort: 4, anxietyDepression: 2, vas: 55 },
        })
        .expect(201);
      expect(eq.body).toMatchObject({ profile: '21342', vas: 55, total: null });
      const bad = await t.http
        .post(`/api/v1/pathways/${p.id}/outcomes`)
        .set(bearer(tokens.clinician))
        .send({ measure: 'PHQ9', timepoint: 'baseline', answers: [0, 0, 4, 0, 0, 0, 0, 0, -1] })
        .expect(400);
      expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['answers[3]', 'answers[9]']);
      const missing = await t.http
        .post(`/api/v1/pathways/${p.id}/outcomes`)
        .set(bearer(tokens.clinician))
        .send({ measure: 'PSEQ', timepoint: 'baseline', answers: [1, 2] })
        .expect(400);
      expect(missing.body.details.fields[0].field).toBe('answers');
      await t.http
        .post(`/api/v1/pathways/${p.id}/outcomes`)
        .set(bearer(tokens.clinician))
        .send({ measure: 'BDI', timepoint: 'baseline', answers: [1] })
        .expect(400);
      const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM outcome_measure WHERE pathway_id = $1', [p.id]);
      expect(count).toBe(2);
    });

    it('PHQ-9 item 9 above 0 raises an urgent task for the lead clinician and a notification through the worker', async () => {
      const { pathway: p } = await pathway();
      const res = await t.http
        .post(`/api/v1/pathways/${p.id}/outcomes`)
        .set(bearer(tokens.clinician))
        .send({ measure: 'PHQ9', timepoint: 'baseline', answers: [2, 2, 2, 1, 1, 1, 1, 1, 1] })
        .expect(201);
      expect(res.body).toMatchObject({ total: 12, band: 'moderate', urgent: true });
      // the psychology activity's lead clinician is w.clinician
      const tasks = (await t.http.get('/api/v1/tasks').set(bearer(tokens.clinician)).expect(200)).body.items;
      expect(tasks[0]).toMatchObject({ kind: 'phq9-urgent', priority: 'urgent', pathwayId: p.id, assigneeUserId: w.clinician.id });
      t.worker.start();
      await t.relay.relayAll();
      const notice: { type: string; message: string } = await eventually(async () =>
        (await t.http.get('/api/v1/notifications').set(bearer(tokens.clinician)).expect(200)).body.items.find(
          (n: { type: string }) => n.type === 'task.phq9-urgent',
        ),
      );
      expect(notice.message).toMatch(/^URGENT/);
    });
  });

  describe('tasks', () => {
    it('a clinician completes and reassigns their own tasks; admins see the unassigned ones', async () => {
      const { pathway: p } = await pathway();
      const s1 = await book(p.activities[0].id, '2026-08-03T10:00:00Z').expect(201);
      const s2 = await book(p.activities[0].id, '2026-08-04T10:00:00Z').expect(201);
      await attend(s1.body.id, 'dna').expect(200);
      await attend(s2.body.id, 'dna').expect(200);
      const mine = (await t.http.get('/api/v1/tasks').set(bearer(tokens.physio)).expect(200)).body.items.filter(
        (k: { pathwayId: string }) => k.pathwayId === p.id,
      );
      expect(mine).toHaveLength(2);
      await t.http.post(`/api/v1/tasks/${mine[0].id}/complete`).set(bearer(tokens.clinician)).send({ version: 1 }).expect(404);
      const done = await t.http.post(`/api/v1/tasks/${mine[0].id}/complete`).set(bearer(tokens.physio)).send({ version: 1 }).expect(200);
      expect(done.body.status).toBe('completed');
      await t.http.post(`/api/v1/tasks/${mine[0].id}/complete`).set(bearer(tokens.physio)).send({ version: 1 }).expect(409);
      const moved = await t.http
        .post(`/api/v1/tasks/${mine[1].id}/reassign`)
        .set(bearer(tokens.physio))
        .send({ assigneeUserId: w.clinician.id, version: 1 })
        .expect(200);
      expect(moved.body.assigneeUserId).toBe(w.clinician.id);
      const bad = await t.http
        .post(`/api/v1/tasks/${mine[1].id}/reassign`)
        .set(bearer(tokens.clinician))
        .send({ assigneeUserId: w.admin.id, version: 2 })
        .expect(422);
      expect(bad.body.code).toBe('ASSIGNEE_NOT_IN_SERVICE');
      const after = (await t.http.get('/api/v1/tasks').set(bearer(tokens.physio)).expect(200)).body.items.filter(
        (k: { pathwayId: string }) => k.pathwayId === p.id,
      );
      expect(after).toEqual([]);
      // a delay over 6 weeks raises an unassigned review task, which admins see
      const { referralId } = await acceptedReferral();
      await t.http
        .post(`/api/v1/referrals/${referralId}/delays`)
        .set(bearer(tokens.admin))
        .send({ startsOn: '2026-06-10', endsOn: '2026-08-10', reason: 'Away' })
        .expect(201);
      const unassigned = (await t.http.get('/api/v1/tasks').set(bearer(tokens.admin)).expect(200)).body.items;
      expect(unassigned).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'delay-review', referralId, assigneeUserId: null })]),
      );
      await t.http.get('/api/v1/tasks').set(bearer(tokens.gpA)).expect(403);
    });
  });
});
