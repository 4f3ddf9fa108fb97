import { FixedClock } from '@carepath/common';
import { bearer, createPatient, createTestApp, createWorld, login, TestApp, World } from '@carepath/testing';

/**
 * A seeded list under an injected clock (today is 1 September 2026): order,
 * flags, week bands, breach dates, paging, capacity and the RTT report.
 */
describe('waiting lists (e2e)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  let clinician: string;
  const ids: Record<string, string> = {};

  async function seed(
    name: string,
    receivedOn: string,
    priority: 'routine' | 'urgent',
    options: { practice?: string; interpreter?: string; modalities?: string[] } = {},
  ) {
    const patientId = await createPatient(t.dataSource, w.service, options.practice ?? w.practiceA, {
      interpreterLanguage: options.interpreter ?? null,
    });
    const created = await t.http
      .post('/api/v1/referrals')
      .set(bearer(admin))
      .send({ patientId, priority, reason: name, receivedOn })
      .expect(201);
    await t.http
      .post(`/api/v1/referrals/${created.body.id}/triage`)
      .set(bearer(clinician))
      .send({ outcome: 'accept', modalities: options.modalities ?? ['physiotherapy'], version: 1 })
      .expect(200);
    ids[name] = created.body.id;
    return created.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock(new Date('2026-09-01T09:00:00Z')) });
    w = await createWorld(t.dataSource);
    admin = (await login(t.http, w.admin.email)).accessToken;
    clinician = (await login(t.http, w.clinician.email)).accessToken;
    await seed('old-routine', '2026-03-01', 'routine'); // 184 days: breached
    await seed('near-breach', '2026-05-01', 'routine', { interpreter: 'Polish' }); // 123 days: 17-18, breach on 4 Sept
    await seed('recent-routine', '2026-08-25', 'routine', { practice: w.practiceB }); // 7 days
    await seed('urgent-new', '2026-08-30', 'urgent'); // urgent goes first whatever its wait
    await seed('urgent-older', '2026-07-01', 'urgent', { modalities: ['physiotherapy', 'psychology'] });
    await seed('very-old', '2025-08-01', 'routine'); // 396 days: over 52 weeks
    await t.http
      .post(`/api/v1/referrals/${ids['recent-routine']}/delays`)
      .set(bearer(admin))
      .send({ startsOn: '2026-08-26', endsOn: '2026-08-28', reason: 'Away' })
      .expect(201);
  });
  afterAll(() => t.close());

  it('orders urgent first, then by clock start, with days, bands, breach dates and flags', async () => {
    const res = await t.http.get('/api/v1/waiting-list').query({ modality: 'physiotherapy' }).set(bearer(admin)).expect(200);
    expect(res.body.items.map((i: { referralId: string }) => i.referralId)).toEqual(
      ['urgent-older', 'urgent-new', 'very-old', 'old-routine', 'near-breach', 'recent-routine'].map((n) => ids[n]),
    );
    const byName = (name: string) => res.body.items.find((i: { referralId: string }) => i.referralId === ids[name]);
    expect(byName('old-routine')).toMatchObject({
      daysWaited: 184,
      weekBand: '26-27',
      breachOn: '2026-07-05',
      breached: true,
      position: 4,
    });
    expect(byName('near-breach')).toMatchObject({
      daysWaited: 123,
      weekBand: '17-18',
      breachOn: '2026-09-04',
      breached: false,
      flags: { interpreterNeeded: true, interpreterLanguage: 'Polish', accessibilityNeeds: false, patientInitiatedDelay: false },
    });
    expect(byName('recent-routine')).toMatchObject({
      daysWaited: 7,
      weekBand: '0-1',
      practiceId: w.practiceB,
      flags: { patientInitiatedDelay: true },
    });
    expect(byName('very-old')).toMatchObject({ daysWaited: 396, weekBand: '56-57', breached: true });
    expect(byName('urgent-new')).toMatchObject({ priority: 'urgent', daysWaited: 2, position: 2 });
    expect(byName('urgent-new').nhsNumber).toMatch(/^\d{3} \d{3} \d{4}$/);
  });

  it('the assessment list holds everyone not yet assessed; other lists only those triaged to them', async () => {
    const assessment = await t.http.get('/api/v1/waiting-list').set(bearer(admin)).expect(200);
    expect(assessment.body.modality).toBe('assessment');
    expect(assessment.body.items).toHaveLength(6);
    const psychology = await t.http.get('/api/v1/waiting-list').query({ modality: 'psychology' }).set(bearer(clinician)).expect(200);
    expect(psychology.body.items.map((i: { referralId: string }) => i.referralId)).toEqual([ids['urgent-older']]);
  });

  it('pages with a cursor that carries on the positions', async () => {
    const first = await t.http.get('/api/v1/waiting-list').query({ modality: 'physiotherapy', limit: 4 }).set(bearer(admin)).expect(200);
    expect(first.body.items.map((i: { position: number }) => i.position)).toEqual([1, 2, 3, 4]);
    const second = await t.http
      .get('/api/v1/waiting-list')
      .query({ modality: 'physiotherapy', limit: 4, cursor: first.body.nextCursor })
      .set(bearer(admin))
      .expect(200);
    expect(second.body.items.map((i: { referralId: string; position: number }) => [i.referralId, i.position])).toEqual([
      [ids['near-breach'], 5],
      [ids['recent-routine'], 6],
    ]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("filters by priority, practice and breach, keeping each patient's place in the whole list", async () => {
    const breached = await t.http
      .get('/api/v1/waiting-list')
      .query({ modality: 'physiotherapy', breached: 'true' })
      .set(bearer(admin))
      .expect(200);
    expect(breached.body.items.map((i: { referralId: string; position: number }) => [i.referralId, i.position])).toEqual([
      [ids['very-old'], 3],
      [ids['old-routine'], 4],
    ]);
    const notBreached = await t.http
      .get('/api/v1/waiting-list')
      .query({ modality: 'physiotherapy', breached: 'false' })
      .set(bearer(admin))
      .expect(200);
    expect(notBreached.body.items).toHaveLength(4);
    const urgent = await t.http
      .get('/api/v1/waiting-list')
      .query({ modality: 'physiotherapy', priority: 'urgent' })
      .set(bearer(admin))
      .expect(200);
    expect(urgent.body.items.map((i: { referralId: string }) => i.referralId)).toEqual([ids['urgent-older'], ids['urgent-new']]);
    const practiceB = await t.http
      .get('/api/v1/waiting-list')
      .query({ modality: 'physiotherapy', practiceId: w.practiceB })
      .set(bearer(admin))
      .expect(200);
    expect(practiceB.body.items.map((i: { referralId: string; position: number }) => [i.referralId, i.position])).toEqual([
      [ids['recent-routine'], 6],
    ]);
  });

  it('rejects an unknown list, a bad breached value and a tampered cursor with 400', async () => {
    await t.http.get('/api/v1/waiting-list').query({ modality: 'yoga' }).set(bearer(admin)).expect(400);
    await t.http.get('/api/v1/waiting-list').query({ breached: 'maybe' }).set(bearer(admin)).expect(400);
    const bad = Buffer.from(JSON.stringify(['0', 'not-a-date', 'x', '1'])).toString('base64url');
    const res = await t.http.get('/api/v1/waiting-list').query({ cursor: bad }).set(bearer(admin)).expect(400);
    expect(res.body.code).toBe('INVALID_CURSOR');
  });

  it('capacity gives each patient an estimated wait and a demand-versus-capacity summary', async () => {
    const set = await t.http.put('/api/v1/capacity/physiotherapy').set(bearer(admin)).send({ slotsPerWeek: 4 }).expect(200);
    expect(set.body).toMatchObject({
      modality: 'physiotherapy',
      slotsPerWeek: 4,
      version: 1,
      waiting: 6,
      urgent: 2,
      breached: 2,
      longestWaitDays: 396,
      weeksToClear: 2,
    });
    const list = await t.http.get('/api/v1/waiting-list').query({ modality: 'physiotherapy' }).set(bearer(admin)).expect(200);
    expect(list.body.slotsPerWeek).toBe(4);
    expect(list.body.items.map((i: { estimatedWeeksToTreatment: number }) => i.estimatedWeeksToTreatment)).toEqual([1, 1, 1, 1, 2, 2]);
    const stale = await t.http.put('/api/v1/capacity/physiotherapy').set(bearer(admin)).send({ slotsPerWeek: 1, version: 7 }).expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    await t.http.put('/api/v1/capacity/physiotherapy').set(bearer(admin)).send({ slotsPerWeek: 1 }).expect(409);
    await t.http.put('/api/v1/capacity/physiotherapy').set(bearer(admin)).send({ slotsPerWeek: 5, version: 1 }).expect(200);
    await t.http.put('/api/v1/capacity/yoga').set(bearer(admin)).send({ slotsPerWeek: 5 }).expect(400);
    await t.http.put('/api/v1/capacity/physiotherapy').set(bearer(clinician)).send({ slotsPerWeek: 50, version: 2 }).expect(403);
    const summary = await t.http.get('/api/v1/capacity').set(bearer(clinician)).expect(200);
    const physio = summary.body.items.find((i: { modality: string }) => i.modality === 'physiotherapy');
    expect(physio).toMatchObject({ slotsPerWeek: 5, version: 2, waiting: 6, demandPerWeek: 0.8, demandExceedsCapacity: false });
    const tens = summary.body.items.find((i: { modality: string }) => i.modality === 'tens');
    expect(tens).toMatchObject({ slotsPerWeek: 0, waiting: 0, longestWaitDays: null, weeksToClear: null });
    expect(summary.body.items).toHaveLength(11);
  });

  it('the RTT report counts incomplete pathways by week band, as JSON and CSV', async () => {
    const manager = (await login(t.http, w.manager.email)).accessToken;
    const json = await t.http.get('/api/v1/reports/waiting-list').set(bearer(manager)).expect(200);
    expect(json.body.generatedOn).toBe('2026-09-01');
    const physio = json.body.rows.find((r: { modality: string }) => r.modality === 'physiotherapy');
    expect(physio).toMatchObject({ total: 6, over18Weeks: 2, over52Weeks: 1 });
    expect(physio.bands).toMatchObject({ '0-1': 2, '8-9': 1, '17-18': 1, '26-27': 1, '56-57': 1 });
    const all = json.body.rows.find((r: { modality: string }) => r.modality === 'all');
    expect(all).toMatchObject({ total: 6, over18Weeks: 2, over52Weeks: 1 });
    const csv = await t.http.get('/api/v1/reports/waiting-list').query({ format: 'csv' }).set(bearer(manager)).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0].split(',').slice(0, 5)).toEqual(['modality', 'total', 'over_18_weeks', 'over_52_weeks', 'weeks_0-1']);
    expect(lines[0].split(',')).toHaveLength(4 + 105);
    expect(
      lines
        .find((l) => l.startsWith('physiotherapy,'))
        ?.split(',')
        .slice(0, 5),
    ).toEqual(['physiotherapy', '6', '2', '1', '2']);
    await t.http.get('/api/v1/reports/waiting-list').set(bearer(clinician)).expect(403);
    await t.http.get('/api/v1/reports/waiting-list').query({ format: 'pdf' }).set(bearer(manager)).expect(400);
  });
});
