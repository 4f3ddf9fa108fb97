import { FixedClock } from '@carepath/common';
import { JobRegistry } from '@carepath/database';
import { bearer, createPatient, createTestApp, createWorld, eventually, login, TestApp, World } from '@carepath/testing';

describe('referrals (e2e)', () => {
  let t: TestApp;
  let w: World;
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(new Date('2026-09-01T09:00:00Z'));

  const refer = (token: string, body: Record<string, unknown>) => t.http.post('/api/v1/referrals').set(bearer(token)).send(body);
  const triage = (id: string, body: Record<string, unknown>, token = tokens.clinician) =>
    t.http.post(`/api/v1/referrals/${id}/triage`).set(bearer(token)).send(body);

  async function acceptedReferral(patientPractice = w.practiceA, extra: Record<string, unknown> = {}) {
    const patientId = await createPatient(t.dataSource, w.service, patientPractice);
    const created = await refer(tokens.admin, {
      patientId,
      priority: 'routine',
      reason: 'Chronic low back pain',
      receivedOn: '2026-06-01',
      ...extra,
    }).expect(201);
    const accepted = await triage(created.body.id, { outcome: 'accept', modalities: ['physiotherapy'], version: 1 }).expect(200);
    return { patientId, referral: accepted.body as { id: string; version: number } };
  }

  /** Access tokens expire by the injected clock: sign in again after moving it. */
  async function signInAll() {
    for (const key of ['admin', 'clinician', 'manager', 'gpA', 'gpB', 'sp'] as const) {
      tokens[key] = (await login(t.http, w[key].email)).accessToken;
    }
  }

  async function at(instant: string) {
    clock.set(new Date(instant));
    await signInAll();
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createWorld(t.dataSource);
    await signInAll();
  });
  afterAll(() => t.close());

  describe('intake', () => {
    it('a GP refers a patient of their practice: the practice comes from the patient, the clock starts today', async () => {
      const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
      const res = await refer(tokens.gpA, {
        patientId,
        priority: 'urgent',
        reason: 'Widespread pain',
        redFlags: { historyOfCancer: false, unexplainedWeightLoss: true },
      }).expect(201);
      expect(res.body).toMatchObject({
        patientId,
        practiceId: w.practiceA,
        serviceId: w.service,
        referredByUserId: w.gpA.id,
        status: 'received',
        receivedOn: '2026-09-01',
        redFlagPositive: true,
        version: 1,
        clock: { state: 'running', startedOn: '2026-09-01', daysWaited: 0, weekBand: '0-1', breachOn: '2027-01-05', breached: false },
      });
      expect(res.body.statusHistory).toEqual([expect.objectContaining({ from: null, to: 'received', actorUserId: w.gpA.id })]);
    });

    it('a GP cannot refer a patient of another practice, or one that does not exist (404)', async () => {
      const patientB = await createPatient(t.dataSource, w.service, w.practiceB);
      const other = await refer(tokens.gpA, { patientId: patientB, priority: 'routine', reason: 'x' }).expect(404);
      expect(other.body.code).toBe('PATIENT_NOT_FOUND');
      await refer(tokens.gpA, { patientId: '00000000-0000-4000-8000-000000000000', priority: 'routine', reason: 'x' }).expect(404);
    });

    it("an admin enters a referral on a GP's behalf with the date it was received", async () => {
      const patientId = await createPatient(t.dataSource, w.service, w.practiceB);
      const res = await refer(tokens.admin, { patientId, priority: 'routine', reason: 'Fibromyalgia', receivedOn: '2026-08-01' }).expect(
        201,
      );
      expect(res.body).toMatchObject({
        practiceId: w.practiceB,
        receivedOn: '2026-08-01',
        clock: { startedOn: '2026-08-01', daysWaited: 31, weekBand: '4-5' },
      });
    });

    it('a received date in the future is a 422; a missing reason is a 400', async () => {
      const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
      const future = await refer(tokens.admin, { patientId, priority: 'routine', reason: 'x', receivedOn: '2026-09-02' }).expect(422);
      expect(future.body.code).toBe('RECEIVED_DATE_IN_FUTURE');
      const noReason = await refer(tokens.admin, { patientId, priority: 'routine' }).expect(400);
      expect(noReason.body.details.fields.map((f: { field: string }) => f.field)).toContain('reason');
      await refer(tokens.admin, { patientId, priority: 'soon', reason: 'x' }).expect(400);
    });

    it('the same external reference never makes a second referral: same body returns it, a different body is a 409', async () => {
      const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
      const body = {
        patientId,
        priority: 'routine',
        reason: 'Neck pain',
        externalReference: '000011112222',
        redFlags: { feverOrInfection: false },
      };
      const first = await refer(tokens.gpA, body).expect(201);
      const again = await refer(tokens.gpA, body).expect(200);
      expect(again.body.id).toBe(first.body.id);
      const conflict = await refer(tokens.gpA, { ...body, priority: 'urgent' }).expect(409);
      expect(conflict.body.code).toBe('EXTERNAL_REFERENCE_CONFLICT');
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM referral WHERE external_reference = '000011112222'`);
      expect(count).toBe(1);
    });

    it('two identical intakes at the same moment make one referral', async () => {
      const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
      const body = { patientId, priority: 'routine', reason: 'Knee pain', externalReference: '999988887777' };
      const [a, b] = await Promise.all([refer(tokens.gpA, body), refer(tokens.gpA, body)]);
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      expect(a.body.id).toBe(b.body.id);
    });

    it('social prescribers, clinicians and managers do not take referrals in', async () => {
      const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
      for (const who of ['sp', 'clinician', 'manager'])
        await refer(tokens[who], { patientId, priority: 'routine', reason: 'x' }).expect(403);
    });
  });

  describe('triage', () => {
    let patientId: string;
    let referralId: string;

    beforeEach(async () => {
      patientId = await createPatient(t.dataSource, w.service, w.practiceA);
      referralId = (await refer(tokens.gpA, { patientId, priority: 'routine', reason: 'Hip pain' }).expect(201)).body.id;
    });

    it('accept needs modalities; reject needs a reason; redirect needs a reason and a destination (400)', async () => {
      const accept = await triage(referralId, { outcome: 'accept', version: 1 }).expect(400);
      expect(accept.body.details.fields).toEqual([{ field: 'modalities', messages: ['modalities are required to accept'] }]);
      const reject = await triage(referralId, { outcome: 'reject', version: 1 }).expect(400);
      expect(reject.body.details.fields[0].field).toBe('reason');
      const redirect = await triage(referralId, { outcome: 'redirect', reason: 'Needs rheumatology', version: 1 }).expect(400);
      expect(redirect.body.details.fields[0].field).toBe('destination');
      const [row] = await t.dataSource.query('SELECT status, version FROM referral WHERE id = $1', [referralId]);
      expect(row).toEqual({ status: 'received', version: 1 });
    });

    it('accept puts the patient on the assessment list and each triaged therapy list', async () => {
      const res = await triage(referralId, {
        outcome: 'accept',
        modalities: ['physiotherapy', 'tai-chi'],
        introSession: true,
        version: 1,
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'triaged-accepted',
        modalities: ['physiotherapy', 'tai-chi'],
        introSession: true,
        version: 2,
      });
      const lists = await t.dataSource.query('SELECT modality FROM waiting_list_entry WHERE referral_id = $1 ORDER BY modality', [
        referralId,
      ]);
      expect(lists.map((l: { modality: string }) => l.modality)).toEqual(['assessment', 'physiotherapy', 'tai-chi']);
    });

    it('reject and redirect stop the clock and close the referral', async () => {
      const rejected = await triage(referralId, { outcome: 'reject', reason: 'Not chronic pain', version: 1 }).expect(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        statusReason: 'Not chronic pain',
        clock: { state: 'stopped', stopReason: 'rejected' },
      });
      const other = (await refer(tokens.gpA, { patientId, priority: 'routine', reason: 'Other' }).expect(201)).body.id;
      const redirected = await triage(other, {
        outcome: 'redirect',
        reason: 'Inflammatory',
        destination: 'Rheumatology',
        version: 1,
      }).expect(200);
      expect(redirected.body).toMatchObject({
        status: 'redirected',
        redirectDestination: 'Rheumatology',
        clock: { stopReason: 'redirected' },
      });
    });

    it('request more information, then the information arrives: back to received with the clock still running', async () => {
      const asked = await triage(referralId, { outcome: 'request-info', version: 1 }).expect(200);
      expect(asked.body).toMatchObject({ status: 'info-requested', clock: { state: 'running' } });
      const back = await t.http
        .post(`/api/v1/referrals/${referralId}/info-received`)
        .set(bearer(tokens.admin))
        .send({ version: 2 })
        .expect(200);
      expect(back.body.status).toBe('received');
      await triage(referralId, { outcome: 'accept', modalities: ['psychology'], version: 3 }).expect(200);
    });

    it('any other transition is a 409 naming the current and requested status, and changes nothing', async () => {
      await triage(referralId, { outcome: 'accept', modalities: ['physiotherapy'], version: 1 }).expect(200);
      const again = await triage(referralId, { outcome: 'reject', reason: 'x', version: 2 }).expect(409);
      expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { current: 'triaged-accepted', requested: 'rejected' } });
      const info = await t.http
        .post(`/api/v1/referrals/${referralId}/info-received`)
        .set(bearer(tokens.admin))
        .send({ version: 2 })
        .expect(409);
      expect(info.body.details).toEqual({ current: 'triaged-accepted', requested: 'received' });
      const [row] = await t.dataSource.query('SELECT status, version FROM referral WHERE id = $1', [referralId]);
      expect(row).toEqual({ status: 'triaged-accepted', version: 2 });
    });

    it('a stale version is a 409', async () => {
      const res = await triage(referralId, { outcome: 'accept', modalities: ['tens'], version: 5 }).expect(409);
      expect(res.body.code).toBe('STALE_VERSION');
    });

    it('two concurrent triage calls with the same version: exactly one succeeds, the other gets 409', async () => {
      const results = await Promise.all([
        triage(referralId, { outcome: 'accept', modalities: ['physiotherapy'], version: 1 }),
        triage(referralId, { outcome: 'reject', reason: 'Duplicate', version: 1 }),
        triage(referralId, { outcome: 'request-info', version: 1 }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      const history = await t.dataSource.query('SELECT to_status FROM referral_status_change WHERE referral_id = $1', [referralId]);
      expect(history).toHaveLength(2);
    });

    it('only clinicians triage', async () => {
      await triage(referralId, { outcome: 'accept', modalities: ['tens'], version: 1 }, tokens.admin).expect(403);
      await triage(referralId, { outcome: 'accept', modalities: ['tens'], version: 1 }, tokens.gpA).expect(403);
    });

    it("the referring practice's GPs are notified of the outcome, and nobody else", async () => {
      await triage(referralId, { outcome: 'accept', modalities: ['physiotherapy'], version: 1 }).expect(200);
      t.worker.start();
      await t.relay.relayAll();
      const notice: { entityId: string; message: string } = await eventually(async () =>
        (await t.http.get('/api/v1/notifications').set(bearer(tokens.gpA)).expect(200)).body.items.find(
          (n: { entityId: string }) => n.entityId === referralId,
        ),
      );
      expect(notice.message).toBe('A referral from your practice has been triaged: accepted');
      const gpB = (await t.http.get('/api/v1/notifications').set(bearer(tokens.gpB)).expect(200)).body.items;
      expect(gpB.some((n: { entityId: string }) => n.entityId === referralId)).toBe(false);
    });
  });

  describe('discharge and corrections', () => {
    it('discharge from an open state stops a running clock as a non-treatment stop; a closed referral cannot be discharged again', async () => {
      const { referral } = await acceptedReferral();
      const res = await t.http
        .post(`/api/v1/referrals/${referral.id}/discharge`)
        .set(bearer(tokens.clinician))
        .send({ reason: 'Managing well with GP support', stopReason: 'patient-declined', version: referral.version })
        .expect(200);
      expect(res.body).toMatchObject({
        status: 'discharged',
        clock: { state: 'stopped', stopReason: 'patient-declined', stoppedOn: '2026-09-01', daysWaited: 92 },
      });
      expect(await t.dataSource.query('SELECT 1 FROM waiting_list_entry WHERE referral_id = $1', [referral.id])).toEqual([]);
      const again = await t.http
        .post(`/api/v1/referrals/${referral.id}/discharge`)
        .set(bearer(tokens.clinician))
        .send({ reason: 'x', version: res.body.version })
        .expect(409);
      expect(again.body.details).toEqual({ current: 'discharged', requested: 'discharged' });
      await t.http
        .post(`/api/v1/referrals/${referral.id}/discharge`)
        .set(bearer(tokens.clinician))
        .send({ version: res.body.version })
        .expect(400);
    });

    it('an admin marks a referral entered in error; a clinician cannot', async () => {
      const { referral } = await acceptedReferral();
      await t.http
        .post(`/api/v1/referrals/${referral.id}/entered-in-error`)
        .set(bearer(tokens.clinician))
        .send({ reason: 'Wrong patient', version: referral.version })
        .expect(403);
      const res = await t.http
        .post(`/api/v1/referrals/${referral.id}/entered-in-error`)
        .set(bearer(tokens.admin))
        .send({ reason: 'Wrong patient', version: referral.version })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'entered-in-error', clock: { stopReason: 'entered-in-error' } });
    });
  });

  describe('appointments and the clock', () => {
    it('a communicated first-appointment DNA nullifies the clock; rebooking starts a new one that day', async () => {
      const { referral } = await acceptedReferral();
      const booked = await t.http
        .post(`/api/v1/referrals/${referral.id}/appointments`)
        .set(bearer(tokens.admin))
        .send({
          kind: 'introductory',
          startsAt: '2026-09-10T10:00:00Z',
          communicatedAt: '2026-08-31T12:00:00Z',
          location: 'Riverside Clinic',
        })
        .expect(201);
      expect(booked.body).toMatchObject({ outcome: 'booked', interpreterNeeded: false, version: 1 });
      await at('2026-09-11T09:00:00Z');
      try {
        await t.http
          .post(`/api/v1/appointments/${booked.body.id}/attendance`)
          .set(bearer(tokens.admin))
          .send({ outcome: 'dna', version: 1 })
          .expect(200);
        const afterDna = (await t.http.get(`/api/v1/referrals/${referral.id}`).set(bearer(tokens.clinician)).expect(200)).body;
        expect(afterDna.clock).toMatchObject({ state: 'nullified', daysWaited: 0 });
        const waiting = await t.http.get('/api/v1/waiting-list').query({ modality: 'physiotherapy' }).set(bearer(tokens.admin)).expect(200);
        const row = waiting.body.items.find((i: { referralId: string }) => i.referralId === referral.id);
        expect(row.flags.awaitingRebooking).toBe(true);

        await at('2026-09-14T09:00:00Z');
        await t.http
          .post(`/api/v1/referrals/${referral.id}/appointments`)
          .set(bearer(tokens.admin))
          .send({ kind: 'assessment', startsAt: '2026-09-20T10:00:00Z', communicatedAt: '2026-09-14T09:00:00Z' })
          .expect(201);
        const rebooked = (await t.http.get(`/api/v1/referrals/${referral.id}`).set(bearer(tokens.clinician)).expect(200)).body;
        expect(rebooked.clock).toMatchObject({ state: 'running', startedOn: '2026-09-14', daysWaited: 0 });
        expect(rebooked.clockHistory).toEqual([
          { startedOn: '2026-06-01', stoppedOn: '2026-09-10', stopReason: 'first-appointment-dna', nullified: true },
          { startedOn: '2026-09-14', stoppedOn: null, stopReason: null, nullified: false },
        ]);
      } finally {
        await at('2026-09-01T09:00:00Z');
      }
    });

    it('a first-appointment DNA that was not communicated leaves the clock running', async () => {
      const { referral } = await acceptedReferral();
      const booked = await t.http
        .post(`/api/v1/referrals/${referral.id}/appointments`)
        .set(bearer(tokens.admin))
        .send({ kind: 'assessment', startsAt: '2026-08-25T10:00:00Z' })
        .expect(201);
      await t.http
        .post(`/api/v1/appointments/${booked.body.id}/attendance`)
        .set(bearer(tokens.admin))
        .send({ outcome: 'dna', version: 1 })
        .expect(200);
      const after = (await t.http.get(`/api/v1/referrals/${referral.id}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(after.clock).toMatchObject({ state: 'running', startedOn: '2026-06-01', daysWaited: 92 });
    });

    it('cancellations do not stop the clock; an attended assessment moves the patient to the therapy lists', async () => {
      const { referral } = await acceptedReferral();
      const first = await t.http
        .post(`/api/v1/referrals/${referral.id}/appointments`)
        .set(bearer(tokens.admin))
        .send({ kind: 'assessment', startsAt: '2026-08-20T10:00:00Z' })
        .expect(201);
      await t.http
        .post(`/api/v1/appointments/${first.body.id}/attendance`)
        .set(bearer(tokens.admin))
        .send({ outcome: 'cancelled-by-patient', version: 1 })
        .expect(200);
      const second = await t.http
        .post(`/api/v1/referrals/${referral.id}/appointments`)
        .set(bearer(tokens.admin))
        .send({ kind: 'assessment', startsAt: '2026-08-27T10:00:00Z' })
        .expect(201);
      const attended = await t.http
        .post(`/api/v1/appointments/${second.body.id}/attendance`)
        .set(bearer(tokens.clinician))
        .send({ outcome: 'attended', version: 1 })
        .expect(200);
      expect(attended.body.outcome).toBe('attended');
      const after = (await t.http.get(`/api/v1/referrals/${referral.id}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(after).toMatchObject({ status: 'waiting', clock: { state: 'running', startedOn: '2026-06-01' } });
      const lists = await t.dataSource.query('SELECT modality FROM waiting_list_entry WHERE referral_id = $1', [referral.id]);
      expect(lists).toEqual([{ modality: 'physiotherapy' }]);
      // attendance is recorded once
      const twice = await t.http
        .post(`/api/v1/appointments/${second.body.id}/attendance`)
        .set(bearer(tokens.clinician))
        .send({ outcome: 'dna', version: 2 })
        .expect(409);
      expect(twice.body.details).toEqual({ current: 'attended', requested: 'dna' });
      // an assessed patient is not booked for another assessment
      await t.http
        .post(`/api/v1/referrals/${referral.id}/appointments`)
        .set(bearer(tokens.admin))
        .send({ kind: 'assessment', startsAt: '2026-09-20T10:00:00Z' })
        .expect(409);
    });

    it('an assessment marked as treatment stops the clock for treatment', async () => {
      const { referral } = await acceptedReferral();
      const booked = await t.http
        .post(`/api/v1/referrals/${referral.id}/appointments`)
        .set(bearer(tokens.admin))
        .send({ kind: 'assessment', startsAt: '2026-07-06T10:00:00Z' })
        .expect(201);
      await t.http
        .post(`/api/v1/appointments/${booked.body.id}/attendance`)
        .set(bearer(tokens.clinician))
        .send({ outcome: 'attended', isTreatment: true, version: 1 })
        .expect(200);
      const after = (await t.http.get(`/api/v1/referrals/${referral.id}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(after).toMatchObject({
        status: 'in-treatment',
        clock: { state: 'stopped', stopReason: 'first-treatment', stoppedOn: '2026-07-06', daysWaited: 35, weekBand: '4-5' },
      });
      expect(after.statusHistory.map((h: { to: string }) => h.to)).toEqual(['received', 'triaged-accepted', 'waiting', 'in-treatment']);
      expect(await t.dataSource.query('SELECT 1 FROM waiting_list_entry WHERE referral_id = $1', [referral.id])).toEqual([]);
    });

    it('an introductory session is not treatment, and only an attended assessment can be marked so (422)', async () => {
      const { referral } = await acceptedReferral();
      const intro = await t.http
        .post(`/api/v1/referrals/${referral.id}/appointments`)
        .set(bearer(tokens.admin))
        .send({ kind: 'introductory', startsAt: '2026-07-01T10:00:00Z' })
        .expect(201);
      const res = await t.http
        .post(`/api/v1/appointments/${intro.body.id}/attendance`)
        .set(bearer(tokens.admin))
        .send({ outcome: 'attended', isTreatment: true, version: 1 })
        .expect(422);
      expect(res.body.code).toBe('NOT_TREATMENT');
      await t.http
        .post(`/api/v1/appointments/${intro.body.id}/attendance`)
        .set(bearer(tokens.admin))
        .send({ outcome: 'attended', version: 1 })
        .expect(200);
      const after = (await t.http.get(`/api/v1/referrals/${referral.id}`).set(bearer(tokens.clinician)).expect(200)).body;
      expect(after).toMatchObject({ status: 'triaged-accepted', clock: { state: 'running' } });
    });

    it("a booking carries the patient's interpreter need", async () => {
      const patientId = await createPatient(t.dataSource, w.service, w.practiceA, { interpreterLanguage: 'Tigrinya' });
      const created = await refer(tokens.admin, { patientId, priority: 'routine', reason: 'x' }).expect(201);
      await triage(created.body.id, { outcome: 'accept', modalities: ['psychology'], version: 1 }).expect(200);
      const booked = await t.http
        .post(`/api/v1/referrals/${created.body.id}/appointments`)
        .set(bearer(tokens.admin))
        .send({ kind: 'assessment', startsAt: '2026-09-05T10:00:00Z' })
        .expect(201);
      expect(booked.body).toMatchObject({ interpreterNeeded: true, interpreterLanguage: 'Tigrinya' });
    });

    it('a referral not yet accepted cannot be booked', async () => {
      const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
      const created = await refer(tokens.admin, { patientId, priority: 'routine', reason: 'x' }).expect(201);
      const res = await t.http
        .post(`/api/v1/referrals/${created.body.id}/appointments`)
        .set(bearer(tokens.admin))
        .send({ kind: 'assessment', startsAt: '2026-09-05T10:00:00Z' })
        .expect(409);
      expect(res.body.code).toBe('REFERRAL_NOT_AWAITING_APPOINTMENT');
    });
  });

  describe('delays and active monitoring', () => {
    it('a delay is recorded, not subtracted; over 6 weeks it raises a review task', async () => {
      const { referral } = await acceptedReferral();
      const short = await t.http
        .post(`/api/v1/referrals/${referral.id}/delays`)
        .set(bearer(tokens.admin))
        .send({ startsOn: '2026-06-10', endsOn: '2026-06-20', reason: 'On holiday' })
        .expect(201);
      expect(short.body.clock.daysWaited).toBe(92);
      expect(short.body.openTasks).toEqual([]);
      const long = await t.http
        .post(`/api/v1/referrals/${referral.id}/delays`)
        .set(bearer(tokens.admin))
        .send({ startsOn: '2026-07-01', endsOn: '2026-08-20', reason: 'Caring for a relative' })
        .expect(201);
      expect(long.body.openTasks).toEqual([expect.objectContaining({ kind: 'delay-review' })]);
      expect(long.body.delays.map((d: { needsReview: boolean }) => d.needsReview)).toEqual([false, true]);
      const bad = await t.http
        .post(`/api/v1/referrals/${referral.id}/delays`)
        .set(bearer(tokens.admin))
        .send({ startsOn: '2026-07-10', endsOn: '2026-07-01', reason: 'x' })
        .expect(422);
      expect(bad.body.code).toBe('DELAY_ENDS_BEFORE_IT_STARTS');
    });

    it('the scheduled scan raises a review task once an open-ended delay passes 6 weeks, once', async () => {
      const { referral } = await acceptedReferral();
      await t.http
        .post(`/api/v1/referrals/${referral.id}/delays`)
        .set(bearer(tokens.admin))
        .send({ startsOn: '2026-08-01', reason: 'Surgery recovery' })
        .expect(201);
      const registry = t.app.get(JobRegistry);
      await registry.dispatch('referrals.delay-review-scan', {});
      expect(await t.dataSource.query(`SELECT 1 FROM clinical_task WHERE referral_id = $1`, [referral.id])).toHaveLength(0);
      await at('2026-09-13T09:00:00Z');
      try {
        await registry.dispatch('referrals.delay-review-scan', {});
        await registry.dispatch('referrals.delay-review-scan', {});
        expect(await t.dataSource.query(`SELECT kind FROM clinical_task WHERE referral_id = $1`, [referral.id])).toEqual([
          { kind: 'delay-review' },
        ]);
      } finally {
        await at('2026-09-01T09:00:00Z');
      }
    });

    it('active monitoring stops the clock and takes the patient off the lists; a decision to treat starts a new clock', async () => {
      const { referral } = await acceptedReferral();
      const monitored = await t.http
        .post(`/api/v1/referrals/${referral.id}/active-monitoring`)
        .set(bearer(tokens.clinician))
        .send({ reason: 'Trial of self-management', version: referral.version })
        .expect(200);
      expect(monitored.body).toMatchObject({ clock: { state: 'stopped', stopReason: 'active-monitoring' } });
      expect(monitored.body.openTasks).toEqual([expect.objectContaining({ kind: 'active-monitoring-review', dueOn: '2026-11-24' })]);
      expect(await t.dataSource.query('SELECT 1 FROM waiting_list_entry WHERE referral_id = $1', [referral.id])).toEqual([]);
      const again = await t.http
        .post(`/api/v1/referrals/${referral.id}/active-monitoring`)
        .set(bearer(tokens.clinician))
        .send({ reason: 'x', version: monitored.body.version })
        .expect(409);
      expect(again.body.code).toBe('CLOCK_NOT_RUNNING');
      const treat = await t.http
        .post(`/api/v1/referrals/${referral.id}/decision-to-treat`)
        .set(bearer(tokens.clinician))
        .send({ version: monitored.body.version })
        .expect(200);
      expect(treat.body.clock).toMatchObject({ state: 'running', startedOn: '2026-09-01' });
      expect(
        await t.dataSource.query('SELECT modality FROM waiting_list_entry WHERE referral_id = $1 ORDER BY modality', [referral.id]),
      ).toEqual([{ modality: 'assessment' }, { modality: 'physiotherapy' }]);
    });
  });

  describe('who sees which referrals', () => {
    it("GP A cannot read, list or count practice B's referrals; the service sees both", async () => {
      const a = await acceptedReferral(w.practiceA);
      const b = await acceptedReferral(w.practiceB);
      await t.http.get(`/api/v1/referrals/${b.referral.id}`).set(bearer(tokens.gpA)).expect(404);
      await t.http.get(`/api/v1/referrals/${a.referral.id}`).set(bearer(tokens.gpA)).expect(200);
      const listA = await t.http.get('/api/v1/referrals').query({ limit: 100 }).set(bearer(tokens.gpA)).expect(200);
      expect(listA.body.items.every((r: { practiceId: string }) => r.practiceId === w.practiceA)).toBe(true);
      const [{ count: inA }] = await t.dataSource.query('SELECT count(*)::int AS count FROM referral WHERE practice_id = $1', [
        w.practiceA,
      ]);
      expect(listA.body.total).toBe(inA);
      const filtered = await t.http.get('/api/v1/referrals').query({ practiceId: w.practiceB }).set(bearer(tokens.gpA)).expect(200);
      expect(filtered.body).toMatchObject({ items: [], total: 0 });
      const all = await t.http.get('/api/v1/referrals').query({ limit: 100 }).set(bearer(tokens.manager)).expect(200);
      const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM referral');
      expect(all.body.total).toBe(count);
    });

    it('lists page by received date with a cursor, and filter by status and priority', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { id: string; status: string }[]; nextCursor: string | null } } = await t.http
          .get('/api/v1/referrals')
          .query({ status: 'triaged-accepted', limit: 2, ...(cursor ? { cursor } : {}) })
          .set(bearer(tokens.admin))
          .expect(200);
        expect(res.body.items.every((r) => r.status === 'triaged-accepted')).toBe(true);
        seen.push(...res.body.items.map((r) => r.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM referral WHERE status = 'triaged-accepted'`);
      expect(new Set(seen).size).toBe(count);
    });

    it('social prescribers get no referrals', async () => {
      const { referral } = await acceptedReferral();
      await t.http.get('/api/v1/referrals').set(bearer(tokens.sp)).expect(403);
      await t.http.get(`/api/v1/referrals/${referral.id}`).set(bearer(tokens.sp)).expect(403);
      await t.http.get('/api/v1/waiting-list').set(bearer(tokens.sp)).expect(403);
      await t.http.get('/api/v1/waiting-list').set(bearer(tokens.gpA)).expect(403);
    });

    it('every read is audited against the patient', async () => {
      const { patientId, referral } = await acceptedReferral();
      const res = await t.http.get(`/api/v1/referrals/${referral.id}`).set(bearer(tokens.manager)).expect(200);
      const rows = await t.dataSource.query(
        'SELECT entity_type, entity_id, patient_id, action, outcome FROM audit_event WHERE request_id = $1',
        [res.headers['x-request-id']],
      );
      expect(rows).toEqual([
        { entity_type: 'Referral', entity_id: referral.id, patient_id: patientId, action: 'read', outcome: 'allowed' },
      ]);
    });
  });
});
