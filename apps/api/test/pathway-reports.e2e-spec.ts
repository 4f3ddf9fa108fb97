import { FixedClock } from '@carepath/common';
import { bearer, createPatient, createTestApp, createUser, createWorld, login, TestApp, TestUser, World } from '@carepath/testing';

/** The outcome and DNA reports on seeded pathways under an injected clock. */
describe('outcome and DNA reports (e2e)', () => {
  let t: TestApp;
  let w: World;
  let physio: TestUser;
  const tokens: Record<string, string> = {};

  async function pathwayWith(modality: string, lead: TestUser) {
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
    const referral = await t.http
      .post('/api/v1/referrals')
      .set(bearer(tokens.admin))
      .send({ patientId, priority: 'routine', reason: 'x', receivedOn: '2026-05-01' })
      .expect(201);
    await t.http
      .post(`/api/v1/referrals/${referral.body.id}/triage`)
      .set(bearer(tokens.clinician))
      .send({ outcome: 'accept', modalities: [modality], version: 1 })
      .expect(200);
    const p = await t.http
      .post(`/api/v1/referrals/${referral.body.id}/pathway`)
      .set(bearer(tokens.clinician))
      .send({ goals: ['Feel more in control'], activities: [{ modality, plannedSessions: 6, leadClinicianId: lead.id }] })
      .expect(201);
    return p.body as { id: string; activities: { id: string }[] };
  }

  async function score(pathwayId: string, measure: string, timepoint: string, answers: unknown) {
    await t.http
      .post(`/api/v1/pathways/${pathwayId}/outcomes`)
      .set(bearer(tokens.clinician))
      .send({ measure, timepoint, answers })
      .expect(201);
  }

  async function sessions(activityId: string, outcomes: string[]) {
    for (const [i, outcome] of outcomes.entries()) {
      const s = await t.http
        .post(`/api/v1/activities/${activityId}/sessions`)
        .set(bearer(tokens.admin))
        .send({ startsAt: `2026-07-${String(i + 1).padStart(2, '0')}T10:00:00Z` })
        .expect(201);
      await t.http.post(`/api/v1/sessions/${s.body.id}/attendance`).set(bearer(tokens.clinician)).send({ outcome, version: 1 }).expect(200);
    }
  }

  const pseq = (total: number) => Array.from({ length: 10 }, (_, i) => Math.floor(total / 10) + (i < total % 10 ? 1 : 0));

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock(new Date('2026-09-01T09:00:00Z')) });
    w = await createWorld(t.dataSource);
    physio = await createUser(t.dataSource, w.service, 'clinician', 'physiotherapist');
    for (const key of ['admin', 'clinician', 'manager'] as const) tokens[key] = (await login(t.http, w[key].email)).accessToken;

    const a = await pathwayWith('physiotherapy', physio);
    await score(a.id, 'PSEQ', 'baseline', pseq(20));
    await score(a.id, 'PSEQ', 'discharge', pseq(30)); // +10: meaningful
    await score(a.id, 'NRS', 'baseline', [8]);
    await score(a.id, 'NRS', 'discharge', [5]); // −3: meaningful
    await sessions(a.activities[0].id, ['attended', 'attended', 'dna', 'attended']);

    const b = await pathwayWith('physiotherapy', physio);
    await score(b.id, 'PSEQ', 'baseline', pseq(25));
    await score(b.id, 'PSEQ', 'review', pseq(40));
    await score(b.id, 'PSEQ', 'discharge', pseq(28)); // +3: not meaningful (review ignored)
    await score(b.id, 'NRS', 'baseline', [6]);
    await score(b.id, 'NRS', 'discharge', [5]); // −1, 17%: not meaningful
    await sessions(b.activities[0].id, ['dna', 'attended', 'cancelled-by-patient']);

    const c = await pathwayWith('psychology', w.clinician);
    await score(c.id, 'PHQ9', 'baseline', [2, 2, 2, 2, 2, 2, 2, 1, 0]); // 15
    await score(c.id, 'PHQ9', 'discharge', [1, 1, 1, 1, 1, 0, 0, 0, 0]); // 5
    await score(c.id, 'PSEQ', 'baseline', pseq(10)); // no discharge: not counted
    await sessions(c.activities[0].id, ['attended', 'attended', 'attended', 'attended']);
  });
  afterAll(() => t.close());

  it('outcomes: patients with baseline and discharge, mean change, share with meaningful change', async () => {
    const res = await t.http.get('/api/v1/reports/outcomes').set(bearer(tokens.manager)).expect(200);
    expect(res.body.generatedOn).toBe('2026-09-01');
    expect(res.body.rows).toEqual([
      {
        modality: 'physiotherapy',
        measure: 'PSEQ',
        patients: 2,
        meanBaseline: 22.5,
        meanDischarge: 29,
        meanChange: 6.5,
        meaningfulChangeShare: 0.5,
      },
      {
        modality: 'physiotherapy',
        measure: 'NRS',
        patients: 2,
        meanBaseline: 7,
        meanDischarge: 5,
        meanChange: -2,
        meaningfulChangeShare: 0.5,
      },
      {
        modality: 'psychology',
        measure: 'PHQ9',
        patients: 1,
        meanBaseline: 15,
        meanDischarge: 5,
        meanChange: -10,
        meaningfulChangeShare: null,
      },
    ]);
    const csv = await t.http.get('/api/v1/reports/outcomes').query({ format: 'csv' }).set(bearer(tokens.admin)).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('modality,measure,patients,mean_baseline,mean_discharge,mean_change,meaningful_change_share');
    expect(csv.text).toContain('psychology,PHQ9,1,15,5,-10,\n');
  });

  it('DNA rates per modality and per lead clinician (cancellations are not DNAs)', async () => {
    const res = await t.http.get('/api/v1/reports/dna').set(bearer(tokens.admin)).expect(200);
    const byModality = res.body.rows.filter((r: { by: string }) => r.by === 'modality');
    expect(byModality).toEqual([
      { by: 'modality', key: 'physiotherapy', name: null, attended: 4, dna: 2, dnaRate: 0.33 },
      { by: 'modality', key: 'psychology', name: null, attended: 4, dna: 0, dnaRate: 0 },
    ]);
    const byClinician = res.body.rows.filter((r: { by: string }) => r.by === 'clinician');
    expect(byClinician.map((r: { key: string; dna: number; attended: number }) => [r.key, r.attended, r.dna])).toEqual(
      expect.arrayContaining([
        [physio.id, 4, 2],
        [w.clinician.id, 4, 0],
      ]),
    );
    const later = await t.http.get('/api/v1/reports/dna').query({ from: '2026-07-03' }).set(bearer(tokens.admin)).expect(200);
    expect(later.body.rows.find((r: { key: string }) => r.key === 'physiotherapy')).toMatchObject({ attended: 1, dna: 1 });
    const csv = await t.http.get('/api/v1/reports/dna').query({ format: 'csv' }).set(bearer(tokens.manager)).expect(200);
    expect(csv.text.split('\n')[0]).toBe('by,key,name,attended,dna,dna_rate');
  });

  it('is for admins and service managers only, and rejects a bad period', async () => {
    await t.http.get('/api/v1/reports/outcomes').set(bearer(tokens.clinician)).expect(403);
    await t.http.get('/api/v1/reports/dna').query({ from: '2026-02-30' }).set(bearer(tokens.admin)).expect(400);
  });
});
