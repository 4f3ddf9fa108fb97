import { FixedClock } from '@carepath/common';
import { bearer, createPatient, createTestApp, createWorld, login, TestApp, World } from '@carepath/testing';

const FORMULA_NAME = '=HYPERLINK("http://x","y")';
const BST_0030_ON_1_JUNE = '2026-05-31T23:30:00Z';
const BST_2330_ON_31_MAY = '2026-05-31T22:30:00Z';

/** Reports as a service manager exports them: cells a spreadsheet would run are escaped, and days are London days. */
describe('report exports: CSV formula escaping and London days (e2e)', () => {
  let t: TestApp;
  let w: World;
  let clock: FixedClock;
  let formulaClinicianId: string;

  /** Moves the injected clock and signs in again, so each step acts at that instant. */
  async function at(instant: string, who: 'admin' | 'clinician' | 'manager'): Promise<Record<string, string>> {
    clock.set(new Date(instant));
    return bearer((await login(t.http, w[who].email)).accessToken);
  }

  async function acceptedReferral(modality: string, acceptedAt: string): Promise<string> {
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
    const referral = await t.http
      .post('/api/v1/referrals')
      .set(await at(acceptedAt, 'admin'))
      .send({ patientId, priority: 'routine', reason: 'x', receivedOn: '2026-05-20' })
      .expect(201);
    await t.http
      .post(`/api/v1/referrals/${referral.body.id}/triage`)
      .set(await at(acceptedAt, 'clinician'))
      .send({ outcome: 'accept', modalities: [modality], version: 1 })
      .expect(200);
    return referral.body.id as string;
  }

  beforeAll(async () => {
    clock = new FixedClock(new Date('2026-05-20T09:00:00Z'));
    t = await createTestApp({ clock });
    w = await createWorld(t.dataSource);
    const user = await t.http
      .post('/api/v1/users')
      .set(await at('2026-05-20T09:00:00Z', 'admin'))
      .send({
        email: 'formula@test.carepath.test',
        name: FORMULA_NAME,
        role: 'clinician',
        discipline: 'physiotherapist',
        password: 'a long enough password',
      })
      .expect(201);
    formulaClinicianId = user.body.id;

    const physio = await acceptedReferral('physiotherapy', BST_0030_ON_1_JUNE);
    await acceptedReferral('psychology', BST_2330_ON_31_MAY);
    const pathway = await t.http
      .post(`/api/v1/referrals/${physio}/pathway`)
      .set(await at(BST_0030_ON_1_JUNE, 'clinician'))
      .send({
        goals: ['Walk to the shops'],
        activities: [{ modality: 'physiotherapy', plannedSessions: 6, leadClinicianId: formulaClinicianId }],
      })
      .expect(201);
    for (const [timepoint, answers] of [
      ['baseline', [8]],
      ['discharge', [5]],
    ] as const) {
      await t.http
        .post(`/api/v1/pathways/${pathway.body.id}/outcomes`)
        .set(await at(BST_0030_ON_1_JUNE, 'clinician'))
        .send({ measure: 'NRS', timepoint, answers })
        .expect(201);
    }
    for (const [startsAt, outcome] of [
      [BST_0030_ON_1_JUNE, 'attended'],
      [BST_2330_ON_31_MAY, 'dna'],
    ]) {
      const session = await t.http
        .post(`/api/v1/activities/${pathway.body.activities[0].id}/sessions`)
        .set(await at('2026-05-30T09:00:00Z', 'admin'))
        .send({ startsAt })
        .expect(201);
      await t.http
        .post(`/api/v1/sessions/${session.body.id}/attendance`)
        .set(await at('2026-06-01T09:00:00Z', 'clinician'))
        .send({ outcome, version: 1 })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  it('a clinician named like a spreadsheet formula is written as text in the DNA CSV, and unchanged in JSON', async () => {
    const manager = await at('2026-07-27T10:00:00Z', 'manager');
    const json = await t.http.get('/api/v1/reports/dna').set(manager).expect(200);
    expect(json.body.rows.find((r: { key: string }) => r.key === formulaClinicianId).name).toBe(FORMULA_NAME);
    const csv = await t.http.get('/api/v1/reports/dna').query({ format: 'csv' }).set(manager).expect(200);
    expect(csv.text.split('\n')).toContain(`clinician,${formulaClinicianId},"'=HYPERLINK(""http://x"",""y"")",1,1,0.5`);
    expect(csv.text).not.toMatch(/(^|,)"?=/m);
  });

  it('a session at 00:30 BST on 1 June counts in a report from 1 June and not in one to 31 May', async () => {
    const manager = await at('2026-07-27T10:00:00Z', 'manager');
    const physio = async (query: Record<string, string>) => {
      const res = await t.http.get('/api/v1/reports/dna').query(query).set(manager).expect(200);
      return res.body.rows.find((r: { by: string; key: string }) => r.by === 'modality' && r.key === 'physiotherapy');
    };
    expect(await physio({ from: '2026-06-01' })).toMatchObject({ attended: 1, dna: 0 });
    expect(await physio({ to: '2026-05-31' })).toMatchObject({ attended: 0, dna: 1 });
    expect(await physio({ from: '2026-06-01', to: '2026-06-01' })).toMatchObject({ attended: 1, dna: 0 });
    expect(await physio({ from: '2026-05-31', to: '2026-05-31' })).toMatchObject({ attended: 0, dna: 1 });
  });

  it('outcomes recorded at 00:30 BST on 1 June count from 1 June and not up to 31 May', async () => {
    const manager = await at('2026-07-27T10:00:00Z', 'manager');
    const june = await t.http.get('/api/v1/reports/outcomes').query({ from: '2026-06-01' }).set(manager).expect(200);
    expect(june.body.rows).toEqual([expect.objectContaining({ modality: 'physiotherapy', measure: 'NRS', patients: 1, meanChange: -3 })]);
    const may = await t.http.get('/api/v1/reports/outcomes').query({ to: '2026-05-31' }).set(manager).expect(200);
    expect(may.body.rows).toEqual([]);
  });

  it('capacity demand counts referrals accepted since London midnight eight weeks ago', async () => {
    // 27 July less 56 days is 1 June: accepted at 00:30 BST on 1 June is in, at 23:30 BST on 31 May is out.
    const summary = await t.http
      .get('/api/v1/capacity')
      .set(await at('2026-07-27T10:00:00Z', 'manager'))
      .expect(200);
    const demand = (modality: string) => summary.body.items.find((i: { modality: string }) => i.modality === modality).demandPerWeek;
    expect(demand('physiotherapy')).toBe(0.1);
    expect(demand('psychology')).toBe(0);
  });
});
