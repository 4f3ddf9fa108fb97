import { join } from 'node:path';
import { FixedClock } from '@carepath/common';
import { importOnspd } from '@carepath/directory';
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

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'onspd-sample.csv');

describe('community handoffs (e2e)', () => {
  let t: TestApp;
  let w: World;
  let otherSp: TestUser;
  let directoryServiceId: string;
  const tokens: Record<string, string> = {};

  async function handoffWithConsent() {
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA, { interpreterLanguage: 'Farsi' });
    await t.dataSource.query(`UPDATE patient SET phone = '07700 900456', email = 'pat@example.test' WHERE id = $1`, [patientId]);
    const consent = await t.http
      .post(`/api/v1/patients/${patientId}/consents`)
      .set(bearer(tokens.clinician))
      .send({ organisationId: w.vcs, purpose: 'Walking group' })
      .expect(201);
    const created = await t.http
      .post('/api/v1/handoffs')
      .set(bearer(tokens.clinician))
      .send({
        patientId,
        serviceId: directoryServiceId,
        reason: 'Finished physiotherapy; wants to keep active',
        consentId: consent.body.id,
      })
      .expect(201);
    return { patientId, consentId: consent.body.id as string, handoff: created.body as { id: string; version: number } };
  }

  const move = (id: string, token: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/handoffs/${id}/status`).set(bearer(token)).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t.dataSource);
    const otherVcs = await createOrganisation(t.dataSource, 'vcs');
    otherSp = await createUser(t.dataSource, otherVcs, 'social_prescriber');
    for (const key of ['admin', 'clinician', 'gpA', 'sp'] as const) tokens[key] = (await login(t.http, w[key].email)).accessToken;
    tokens.otherSp = (await login(t.http, otherSp.email)).accessToken;
    await importOnspd(t.database.url, FIXTURE);
    const service = await t.http
      .post('/api/v1/directory/services')
      .set(bearer(tokens.sp))
      .send({
        name: 'Park Walk',
        description: 'Gentle walks',
        categories: ['physical-activity'],
        address: 'Woodhouse Moor',
        postcode: 'LS6 2BQ',
        capacityStatus: 'open',
      })
      .expect(201);
    directoryServiceId = service.body.id;
  });
  afterAll(() => t.close());

  it('a clinician hands a patient on with an active consent; the requester sees the full record', async () => {
    const { patientId, handoff } = await handoffWithConsent();
    const res = await t.http.get(`/api/v1/handoffs/${handoff.id}`).set(bearer(tokens.clinician)).expect(200);
    expect(res.body).toMatchObject({
      status: 'requested',
      patientId,
      consentActive: true,
      requestedByUserId: w.clinician.id,
      service: { id: directoryServiceId, name: 'Park Walk' },
    });
    expect(res.body.history).toEqual([expect.objectContaining({ from: null, to: 'requested' })]);
  });

  it("without an active consent for the service's organisation the handoff is a 422", async () => {
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
    const otherConsent = await t.http
      .post(`/api/v1/patients/${patientId}/consents`)
      .set(bearer(tokens.clinician))
      .send({ organisationId: otherSp.organisationId, purpose: 'x' })
      .expect(201);
    const res = await t.http
      .post('/api/v1/handoffs')
      .set(bearer(tokens.clinician))
      .send({ patientId, serviceId: directoryServiceId, reason: 'x', consentId: otherConsent.body.id })
      .expect(422);
    expect(res.body.code).toBe('CONSENT_NOT_ACTIVE');
    expect(await t.dataSource.query('SELECT 1 FROM handoff WHERE patient_id = $1', [patientId])).toEqual([]);
  });

  it('the social prescriber sees exactly the minimum: name, contact, communication needs, reason and history', async () => {
    const { handoff } = await handoffWithConsent();
    const res = await t.http.get(`/api/v1/handoffs/${handoff.id}`).set(bearer(tokens.sp)).expect(200);
    expect(Object.keys(res.body).sort()).toEqual([
      'createdAt',
      'history',
      'id',
      'outcome',
      'patient',
      'reason',
      'service',
      'status',
      'statusReason',
      'version',
    ]);
    expect(Object.keys(res.body.patient).sort()).toEqual(
      ['communicationFormat', 'communicationSupport', 'email', 'familyName', 'givenName', 'interpreterLanguage', 'phone'].sort(),
    );
    expect(res.body.patient).toMatchObject({
      givenName: 'Test',
      familyName: 'Patient',
      phone: '07700 900456',
      interpreterLanguage: 'Farsi',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/nhsNumber|dateOfBirth|patientId|consentId/);
    const rows = await t.dataSource.query('SELECT outcome FROM audit_event WHERE entity_id = $1 AND actor_user_id = $2', [
      handoff.id,
      w.sp.id,
    ]);
    expect(rows).toEqual([{ outcome: 'allowed' }]);
  });

  it('a social prescriber of another organisation gets 404', async () => {
    const { handoff } = await handoffWithConsent();
    await t.http.get(`/api/v1/handoffs/${handoff.id}`).set(bearer(tokens.otherSp)).expect(404);
    await move(handoff.id, tokens.otherSp, { status: 'accepted', version: 1 }).expect(404);
    const inbox = await t.http.get('/api/v1/handoffs').set(bearer(tokens.otherSp)).expect(200);
    expect(inbox.body.items).toEqual([]);
  });

  it('withdrawing the consent hides the handoff from the social prescriber at their next read', async () => {
    const { patientId, consentId, handoff } = await handoffWithConsent();
    await t.http.get(`/api/v1/handoffs/${handoff.id}`).set(bearer(tokens.sp)).expect(200);
    await t.http
      .post(`/api/v1/patients/${patientId}/consents/${consentId}/withdraw`)
      .set(bearer(tokens.clinician))
      .send({ version: 1 })
      .expect(200);
    await t.http.get(`/api/v1/handoffs/${handoff.id}`).set(bearer(tokens.sp)).expect(404);
    const inbox = await t.http.get('/api/v1/handoffs').query({ limit: 100 }).set(bearer(tokens.sp)).expect(200);
    expect(inbox.body.items.map((h: { id: string }) => h.id)).not.toContain(handoff.id);
    const denied = await t.dataSource.query(
      `SELECT 1 FROM audit_event WHERE entity_id = $1 AND actor_user_id = $2 AND outcome = 'denied'`,
      [handoff.id, w.sp.id],
    );
    expect(denied).toHaveLength(1);
    const clinicianView = await t.http.get(`/api/v1/handoffs/${handoff.id}`).set(bearer(tokens.clinician)).expect(200);
    expect(clinicianView.body.consentActive).toBe(false);
  });

  it('the receiver accepts, starts and completes with an outcome; the referring clinician is notified of each change', async () => {
    const { handoff } = await handoffWithConsent();
    const accepted = await move(handoff.id, tokens.sp, { status: 'accepted', version: 1 }).expect(200);
    const started = await move(handoff.id, tokens.sp, { status: 'in-progress', version: accepted.body.version }).expect(200);
    await move(handoff.id, tokens.sp, { status: 'completed', version: started.body.version }).expect(400);
    const done = await move(handoff.id, tokens.sp, { status: 'completed', outcome: 'engaged', version: started.body.version }).expect(200);
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'engaged' });
    expect(done.body.history.map((h: { to: string }) => h.to)).toEqual(['requested', 'accepted', 'in-progress', 'completed']);
    await move(handoff.id, tokens.sp, { status: 'cancelled', reason: 'x', version: done.body.version }).expect(409);
    t.worker.start();
    await t.relay.relayAll();
    const messages = await eventually(async () => {
      const items = (await t.http.get('/api/v1/notifications').set(bearer(tokens.clinician)).expect(200)).body.items as {
        entityId: string;
        message: string;
      }[];
      const mine = items.filter((n) => n.entityId === handoff.id).map((n) => n.message);
      return mine.length >= 3 ? mine : undefined;
    });
    expect(messages.sort()).toEqual([
      'A community handoff you made is now accepted',
      'A community handoff you made is now completed (engaged)',
      'A community handoff you made is now in-progress',
    ]);
  });

  it('each side makes only its own steps: the clinician cannot accept (409 naming the side); reasons are required to reject or cancel', async () => {
    const { handoff } = await handoffWithConsent();
    const wrongSide = await move(handoff.id, tokens.clinician, { status: 'accepted', version: 1 }).expect(409);
    expect(wrongSide.body).toMatchObject({ code: 'WRONG_SIDE', message: 'Only the receiving organisation may set a handoff to accepted' });
    await move(handoff.id, tokens.sp, { status: 'rejected', version: 1 }).expect(400);
    const rejected = await move(handoff.id, tokens.sp, { status: 'rejected', reason: 'At capacity', version: 1 }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', statusReason: 'At capacity' });
    const second = await handoffWithConsent();
    await move(second.handoff.id, tokens.clinician, { status: 'cancelled', version: 1 }).expect(400);
    const cancelled = await move(second.handoff.id, tokens.clinician, {
      status: 'cancelled',
      reason: 'Patient moved away',
      version: 1,
    }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    const third = await handoffWithConsent();
    const stale = await move(third.handoff.id, tokens.sp, { status: 'accepted', version: 9 }).expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const skip = await move(third.handoff.id, tokens.sp, { status: 'completed', outcome: 'engaged', version: 1 }).expect(409);
    expect(skip.body.details).toMatchObject({ current: 'requested', requested: 'completed' });
  });

  it("inboxes: the social prescriber sees their organisation's handoffs newest first, by status; the clinician those they made", async () => {
    const a = await handoffWithConsent();
    (t.clock as FixedClock).advanceSeconds(60);
    const b = await handoffWithConsent();
    const inbox = await t.http.get('/api/v1/handoffs').query({ status: 'requested', limit: 100 }).set(bearer(tokens.sp)).expect(200);
    const ids = inbox.body.items.map((h: { id: string }) => h.id);
    expect(ids.indexOf(b.handoff.id)).toBeLessThan(ids.indexOf(a.handoff.id));
    expect(inbox.body.items.every((h: { status: string; patient: object }) => h.status === 'requested' && h.patient)).toBe(true);
    const mine = await t.http.get('/api/v1/handoffs').query({ limit: 100 }).set(bearer(tokens.clinician)).expect(200);
    expect(mine.body.items.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining([a.handoff.id, b.handoff.id]));
    await t.http.get('/api/v1/handoffs').set(bearer(tokens.gpA)).expect(403);
    await t.http.get('/api/v1/handoffs').set(bearer(tokens.admin)).expect(403);
  });
});
