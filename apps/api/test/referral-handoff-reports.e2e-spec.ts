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
  login,
  TestApp,
  World,
} from '@carepath/testing';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'onspd-sample.csv');

/** The referrals and handoffs reports: counts per month and practice by triage outcome, and per organisation by outcome. */
describe('referrals and handoffs reports (e2e)', () => {
  let t: TestApp;
  let w: World;
  const clock = new FixedClock(new Date('2026-03-20T10:00:00Z'));
  const tokens: Record<string, string> = {};
  let otherVcs: string;
  let walkId: string;
  let choirId: string;

  async function referral(practice: string, receivedOn: string, triage?: Record<string, unknown>[]): Promise<string> {
    const patientId = await createPatient(t.dataSource, w.service, practice);
    const created = await t.http
      .post('/api/v1/referrals')
      .set(bearer(tokens.admin))
      .send({ patientId, priority: 'routine', reason: 'Back pain', receivedOn })
      .expect(201);
    let version = 1;
    for (const step of triage ?? []) {
      const res = await t.http
        .post(`/api/v1/referrals/${created.body.id}/${step.outcome === 'info-received' ? 'info-received' : 'triage'}`)
        .set(bearer(tokens.clinician))
        .send(step.outcome === 'info-received' ? { version } : { ...step, version })
        .expect(200);
      version = res.body.version;
    }
    return created.body.id as string;
  }

  async function handoff(
    directoryServiceId: string,
    organisationId: string,
    steps: Record<string, unknown>[],
    spToken: string,
  ): Promise<void> {
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
    const consent = await t.http
      .post(`/api/v1/patients/${patientId}/consents`)
      .set(bearer(tokens.clinician))
      .send({ organisationId, purpose: 'Community support' })
      .expect(201);
    const created = await t.http
      .post('/api/v1/handoffs')
      .set(bearer(tokens.clinician))
      .send({ patientId, serviceId: directoryServiceId, reason: 'Keep active', consentId: consent.body.id })
      .expect(201);
    let version = created.body.version as number;
    for (const step of steps) {
      const res = await t.http
        .post(`/api/v1/handoffs/${created.body.id}/status`)
        .set(bearer(spToken))
        .send({ ...step, version })
        .expect(200);
      version = res.body.version;
    }
  }

  async function directoryService(token: string, name: string): Promise<string> {
    const res = await t.http
      .post('/api/v1/directory/services')
      .set(bearer(token))
      .send({
        name,
        description: 'x',
        categories: ['physical-activity'],
        address: 'Woodhouse Moor',
        postcode: 'LS6 2BQ',
        capacityStatus: 'open',
      })
      .expect(201);
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createWorld(t.dataSource);
    await t.dataSource.query(`UPDATE organisation SET name = 'Alder Practice' WHERE id = $1`, [w.practiceA]);
    await t.dataSource.query(`UPDATE organisation SET name = 'Beech Practice' WHERE id = $1`, [w.practiceB]);
    await t.dataSource.query(`UPDATE organisation SET name = 'Walkers Together' WHERE id = $1`, [w.vcs]);
    otherVcs = await createOrganisation(t.dataSource, 'vcs', 'Choir For All');
    const otherSp = await createUser(t.dataSource, otherVcs, 'social_prescriber');
    for (const key of ['admin', 'clinician', 'manager', 'gpA', 'sp'] as const)
      tokens[key] = (await login(t.http, w[key].email)).accessToken;
    tokens.otherSp = (await login(t.http, otherSp.email)).accessToken;
    await importOnspd(t.database.url, FIXTURE);
    walkId = await directoryService(tokens.sp, 'Park Walk');
    choirId = await directoryService(tokens.otherSp, 'Community Choir');

    await referral(w.practiceA, '2026-01-10', [{ outcome: 'accept', modalities: ['physiotherapy'] }]);
    await referral(w.practiceA, '2026-01-20', [{ outcome: 'reject', reason: 'Not a pain referral' }]);
    await referral(w.practiceA, '2026-02-03', [
      { outcome: 'request-info', reason: 'Which medicines?' },
      { outcome: 'info-received' },
      { outcome: 'accept', modalities: ['psychology'] },
    ]);
    await referral(w.practiceB, '2026-02-08', [{ outcome: 'request-info', reason: 'Which medicines?' }, { outcome: 'info-received' }]);
    await referral(w.practiceA, '2026-02-04', [{ outcome: 'request-info', reason: 'Which medicines?' }]);
    await referral(w.practiceB, '2026-02-05', [{ outcome: 'redirect', reason: 'Needs rheumatology', destination: 'Rheumatology clinic' }]);
    await referral(w.practiceB, '2026-02-06');
    const mistaken = await referral(w.practiceB, '2026-02-07');
    await t.http
      .post(`/api/v1/referrals/${mistaken}/entered-in-error`)
      .set(bearer(tokens.admin))
      .send({ reason: 'Wrong patient', version: 1 })
      .expect(200);

    await handoff(
      walkId,
      w.vcs,
      [{ status: 'accepted' }, { status: 'in-progress' }, { status: 'completed', outcome: 'engaged' }],
      tokens.sp,
    );
    await handoff(
      walkId,
      w.vcs,
      [{ status: 'accepted' }, { status: 'in-progress' }, { status: 'completed', outcome: 'engaged' }],
      tokens.sp,
    );
    await handoff(
      walkId,
      w.vcs,
      [{ status: 'accepted' }, { status: 'in-progress' }, { status: 'completed', outcome: 'did-not-engage' }],
      tokens.sp,
    );
    await handoff(walkId, w.vcs, [{ status: 'rejected', reason: 'Full this term' }], tokens.sp);
    await handoff(choirId, otherVcs, [{ status: 'accepted' }], tokens.otherSp);
  });
  afterAll(() => t.close());

  it('counts referrals per month and practice by their latest triage outcome, for admins and managers alike', async () => {
    const res = await t.http.get('/api/v1/reports/referrals').set(bearer(tokens.manager)).expect(200);
    const zero = { accepted: 0, rejected: 0, redirected: 0, infoRequested: 0, awaitingTriage: 0 };
    expect(res.body).toEqual({
      generatedOn: '2026-03-20',
      rows: [
        { month: '2026-01', practiceId: w.practiceA, practiceName: 'Alder Practice', received: 2, ...zero, accepted: 1, rejected: 1 },
        { month: '2026-02', practiceId: w.practiceA, practiceName: 'Alder Practice', received: 2, ...zero, accepted: 1, infoRequested: 1 },
        {
          month: '2026-02',
          practiceId: w.practiceB,
          practiceName: 'Beech Practice',
          received: 3,
          ...zero,
          redirected: 1,
          awaitingTriage: 2,
        },
      ],
    });
    const admin = await t.http.get('/api/v1/reports/referrals').set(bearer(tokens.admin)).expect(200);
    expect(admin.body).toEqual(res.body);
  });

  it('limits referrals to those received in the date range, and refuses a range that ends before it starts', async () => {
    const feb = await t.http
      .get('/api/v1/reports/referrals')
      .query({ from: '2026-02-01', to: '2026-02-04' })
      .set(bearer(tokens.manager))
      .expect(200);
    expect(feb.body.rows).toEqual([expect.objectContaining({ month: '2026-02', practiceId: w.practiceA, received: 2 })]);
    const bad = await t.http
      .get('/api/v1/reports/referrals')
      .query({ from: '2026-03-01', to: '2026-02-01' })
      .set(bearer(tokens.manager))
      .expect(400);
    expect(bad.body.details.fields).toEqual([{ field: 'from', messages: ['from must not be after to'] }]);
    await t.http.get('/api/v1/reports/referrals').query({ from: '2026-02-30' }).set(bearer(tokens.manager)).expect(400);
  });

  it('every report over a period refuses one that ends before it starts', async () => {
    for (const name of ['referrals', 'handoffs', 'outcomes', 'dna', 'letters', 'mdt']) {
      const res = await t.http.get(`/api/v1/reports/${name}`).query({ from: '2026-03-01', to: '2026-02-01' }).set(bearer(tokens.manager));
      expect(`${name} ${res.status} ${JSON.stringify(res.body.details?.fields)}`).toBe(
        `${name} 400 ${JSON.stringify([{ field: 'from', messages: ['from must not be after to'] }])}`,
      );
    }
  });

  it('writes the referrals report as CSV', async () => {
    const csv = await t.http.get('/api/v1/reports/referrals').query({ format: 'csv' }).set(bearer(tokens.manager)).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="referrals-2026-03-20.csv"');
    expect(csv.text.trim().split('\n')).toEqual([
      'month,practice_id,practice_name,received,accepted,rejected,redirected,info_requested,awaiting_triage',
      `2026-01,${w.practiceA},Alder Practice,2,1,1,0,0,0`,
      `2026-02,${w.practiceA},Alder Practice,2,1,0,0,1,0`,
      `2026-02,${w.practiceB},Beech Practice,3,0,0,1,0,2`,
    ]);
  });

  it('counts handoffs per organisation by outcome with the share engaged, as JSON and CSV', async () => {
    const res = await t.http.get('/api/v1/reports/handoffs').set(bearer(tokens.manager)).expect(200);
    expect(res.body).toEqual({
      generatedOn: '2026-03-20',
      rows: [
        {
          organisationId: otherVcs,
          organisationName: 'Choir For All',
          proposed: 1,
          open: 1,
          rejected: 0,
          cancelled: 0,
          engaged: 0,
          didNotEngage: 0,
          engagedShare: null,
        },
        {
          organisationId: w.vcs,
          organisationName: 'Walkers Together',
          proposed: 4,
          open: 0,
          rejected: 1,
          cancelled: 0,
          engaged: 2,
          didNotEngage: 1,
          engagedShare: 0.67,
        },
      ],
    });
    const csv = await t.http.get('/api/v1/reports/handoffs').query({ format: 'csv' }).set(bearer(tokens.admin)).expect(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="handoffs-2026-03-20.csv"');
    expect(csv.text.trim().split('\n')).toEqual([
      'organisation_id,organisation_name,proposed,open,rejected,cancelled,engaged,did_not_engage,engaged_share',
      `${otherVcs},Choir For All,1,1,0,0,0,0,`,
      `${w.vcs},Walkers Together,4,0,1,0,2,1,0.67`,
    ]);
  });

  it('counts handoffs proposed in the date range (London days) and refuses from after to', async () => {
    const before = await t.http.get('/api/v1/reports/handoffs').query({ to: '2026-03-19' }).set(bearer(tokens.manager)).expect(200);
    expect(before.body.rows).toEqual([]);
    const today = await t.http
      .get('/api/v1/reports/handoffs')
      .query({ from: '2026-03-20', to: '2026-03-20' })
      .set(bearer(tokens.manager))
      .expect(200);
    expect(today.body.rows).toHaveLength(2);
    await t.http.get('/api/v1/reports/handoffs').query({ from: '2026-03-21', to: '2026-03-20' }).set(bearer(tokens.manager)).expect(400);
  });

  it('is for admins and service managers of the service only', async () => {
    for (const token of [tokens.clinician, tokens.gpA, tokens.sp]) {
      await t.http.get('/api/v1/reports/referrals').set(bearer(token)).expect(403);
      await t.http.get('/api/v1/reports/handoffs').set(bearer(token)).expect(403);
    }
  });
});
