import type { Page, Response } from 'playwright-core';
import { FixedClock } from '@carepath/common';
import {
  AccessibilityAudit,
  bearer,
  createPatient,
  createUser,
  createWorld,
  login,
  signInAs,
  startWebTest,
  TestUser,
  WebTest,
  World,
} from '@carepath/testing';

interface StoredOutcome {
  id: string;
  measure: string;
  timepoint: string;
  answers: unknown;
  total: number | null;
  band: string | null;
  profile: string | null;
  vas: number | null;
  urgent: boolean;
}

describe('outcome measure pages', () => {
  let w: WebTest;
  let world: World;
  let psychologist: TestUser;
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));

  /** A pathway agreed on an accepted referral, through the API. */
  async function agreedPathway(): Promise<string> {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA);
    const referral = await w.t.http
      .post('/api/v1/referrals')
      .set(bearer(tokens.admin))
      .send({ patientId, priority: 'routine', reason: 'Back pain', receivedOn: '2026-01-05' })
      .expect(201);
    await w.t.http
      .post(`/api/v1/referrals/${referral.body.id}/triage`)
      .set(bearer(tokens.clinician))
      .send({ outcome: 'accept', modalities: ['psychology'], version: 1 })
      .expect(200);
    const pathway = await w.t.http
      .post(`/api/v1/referrals/${referral.body.id}/pathway`)
      .set(bearer(tokens.clinician))
      .send({ goals: ['Feel calmer'], activities: [{ modality: 'psychology', plannedSessions: 8, leadClinicianId: psychologist.id }] })
      .expect(201);
    return pathway.body.id as string;
  }

  const outcomesOf = async (id: string): Promise<StoredOutcome[]> =>
    (await w.t.http.get(`/api/v1/pathways/${id}/outcomes`).set(bearer(tokens.clinician)).expect(200)).body.items;

  async function submit(page: Page, button: string): Promise<Response> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
      page.getByRole('button', { name: button }).click(),
    ]);
    await page.waitForLoadState('load');
    return response;
  }

  /** Chooses the answer to each numbered question (1-based) by its label within that question's fieldset. */
  async function answer(page: Page, answers: Record<number, string>) {
    for (const [n, label] of Object.entries(answers)) {
      await page
        .getByRole('group', { name: new RegExp(`^${n}\\. `) })
        .getByLabel(label, { exact: true })
        .check();
    }
  }

  beforeAll(async () => {
    w = await startWebTest({ clock });
    world = await createWorld(w.t.dataSource);
    psychologist = await createUser(w.t.dataSource, world.service, 'clinician', 'psychologist');
    for (const key of ['admin', 'clinician'] as const) tokens[key] = (await login(w.t.http, world[key].email)).accessToken;
  });
  afterAll(() => w.close());

  it('records a PHQ-9 as the questionnaire: score and band shown, and item 9 above 0 visibly raises an urgent task', async () => {
    const id = await agreedPathway();
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await page.goto(`/pathways/${id}`);
    await audit.check();
    await page.getByRole('link', { name: 'Record an outcome measure' }).click();
    await audit.check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Select a questionnaire');
    await audit.check();
    await page.getByLabel('PHQ-9 (depression)').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/measure=PHQ9/);
    await expect(page.locator('h1').innerText()).resolves.toBe('PHQ-9 (depression)');
    const form = await page.locator('main').innerText();
    expect(form).toMatch(/Before you ask question 9[\s\S]*urgent task is raised for their lead clinician/);
    await audit.check();

    await page.getByLabel('Baseline').check();
    await answer(page, {
      1: 'More than half the days',
      2: 'Nearly every day',
      3: 'Several days',
      4: 'Nearly every day',
      5: 'Not at all',
      6: 'More than half the days',
      7: 'Several days',
      8: 'Not at all',
      9: 'Several days',
    });
    expect((await submit(page, 'Save and score')).status()).toBe(303);
    await expect(page.locator('.app-emergency').innerText()).resolves.toContain('An urgent task has been raised for their lead clinician');
    const summary = await page.locator('.nhsuk-summary-list').innerText();
    expect(summary).toMatch(/Total score\s+13 out of 27/);
    expect(summary).toMatch(/Severity\s+Moderate/);
    await audit.check();

    const [stored] = await outcomesOf(id);
    expect(stored).toMatchObject({
      measure: 'PHQ9',
      timepoint: 'baseline',
      answers: [2, 3, 1, 3, 0, 2, 1, 0, 1],
      total: 13,
      band: 'moderate',
      urgent: true,
    });
    const [task] = await w.t.dataSource.query(
      `SELECT priority, assignee_user_id FROM clinical_task WHERE pathway_id = $1 AND kind = 'phq9-urgent'`,
      [id],
    );
    expect(task).toEqual({ priority: 'urgent', assignee_user_id: psychologist.id });
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it('re-displays a PHQ-9 with an unanswered question: error summary, inline error, answers kept, nothing stored', async () => {
    const id = await agreedPathway();
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await page.goto(`/pathways/${id}/outcomes/new?measure=PHQ9`);
    await audit.check();
    await answer(page, {
      1: 'Several days',
      2: 'Several days',
      3: 'Not at all',
      5: 'Not at all',
      6: 'Not at all',
      7: 'Not at all',
      8: 'Not at all',
      9: 'Not at all',
    });
    const response = await submit(page, 'Save and score');
    expect(response.status()).toBe(400);
    const errors = await page.locator('.nhsuk-error-summary').innerText();
    expect(errors).toContain('Select when this questionnaire was completed');
    expect(errors).toContain('Select an answer to question 4');
    expect(errors).not.toContain('question 3');
    await expect(page.locator('#item-4-error').innerText()).resolves.toContain('Select an answer to question 4');
    await expect(page.getByRole('group', { name: /^1\. / }).getByLabel('Several days', { exact: true }).isChecked()).resolves.toBe(true);
    await audit.check();
    await page.locator('.nhsuk-error-summary a', { hasText: 'question 4' }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('item-4');
    expect(await outcomesOf(id)).toEqual([]);
    expect(audit.violations).toEqual([]);
  });

  it('records GAD-7, PSEQ, EQ-5D-5L and pain NRS, each scored as the API scores it', async () => {
    const id = await agreedPathway();
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);

    await page.goto(`/pathways/${id}/outcomes/new?measure=GAD7`);
    await audit.check();
    await page.getByLabel('Baseline').check();
    await answer(page, {
      1: 'Several days',
      2: 'Several days',
      3: 'Nearly every day',
      4: 'Not at all',
      5: 'Not at all',
      6: 'Several days',
      7: 'Not at all',
    });
    await submit(page, 'Save and score');
    await expect(page.locator('.nhsuk-summary-list').innerText()).resolves.toMatch(/Total score\s+6 out of 21\s+Severity\s+Mild/);
    await expect(page.locator('.app-emergency').count()).resolves.toBe(0);
    await audit.check();

    await page.goto(`/pathways/${id}/outcomes/new?measure=PSEQ`);
    await audit.check();
    await page.getByLabel('Baseline').check();
    const pseq = ['3', '4', '2', '3', '1', '2', '0 – Not at all confident', '3', '2', '6 – Completely confident'];
    await answer(page, Object.fromEntries(pseq.map((label, i) => [i + 1, label])));
    await submit(page, 'Save and score');
    await expect(page.locator('.nhsuk-summary-list').innerText()).resolves.toMatch(/Total score\s+26 out of 60/);
    await audit.check();

    await page.goto(`/pathways/${id}/outcomes/new?measure=EQ5D5L`);
    await audit.check();
    await page.getByLabel('Review').check();
    await page.getByLabel('I have slight problems in walking about').check();
    await page.getByLabel('I have no problems washing or dressing myself').check();
    await page.getByLabel('I have moderate problems doing my usual activities').check();
    await page.getByLabel('I have severe pain or discomfort').check();
    await page.getByLabel('I am slightly anxious or depressed').check();
    await page.getByLabel(/How good or bad is your health today/).fill('55');
    await submit(page, 'Save and score');
    const eq = await page.locator('.nhsuk-summary-list').innerText();
    expect(eq).toMatch(/Profile\s+21342/);
    expect(eq).toMatch(/Health today \(VAS\)\s+55 out of 100/);
    await audit.check();

    await page.goto(`/pathways/${id}/outcomes/new?measure=NRS`);
    await audit.check();
    await page.getByLabel('Discharge').check();
    await page.getByLabel('7', { exact: true }).check();
    await submit(page, 'Save and score');
    await expect(page.locator('.nhsuk-summary-list').innerText()).resolves.toMatch(/Total score\s+7 out of 10/);
    await audit.check();

    const stored = await outcomesOf(id);
    expect(stored.map((o) => [o.measure, o.timepoint, o.total, o.band, o.profile, o.vas]).sort()).toEqual([
      ['EQ5D5L', 'review', null, null, '21342', 55],
      ['GAD7', 'baseline', 6, 'mild', null, null],
      ['NRS', 'discharge', 7, null, null, null],
      ['PSEQ', 'baseline', 26, null, null, null],
    ]);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it('charts each measure’s totals over time as SVG, with a table of the same numbers beside it', async () => {
    const id = await agreedPathway();
    // Signed in afresh each time: the clock moves on by months between recordings.
    const record = async (measure: string, timepoint: string, answers: unknown) => {
      const { accessToken } = await login(w.t.http, world.clinician.email);
      await w.t.http.post(`/api/v1/pathways/${id}/outcomes`).set(bearer(accessToken)).send({ measure, timepoint, answers }).expect(201);
    };
    await record('PHQ9', 'baseline', [3, 3, 2, 2, 2, 2, 2, 2, 0]);
    clock.advanceSeconds(84 * 86_400);
    await record('PHQ9', 'review', [1, 1, 1, 1, 1, 1, 1, 1, 0]);
    await record('NRS', 'review', [6]);
    clock.advanceSeconds(84 * 86_400);
    await record('PHQ9', 'discharge', [0, 1, 0, 1, 0, 1, 0, 0, 0]);

    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await page.goto(`/pathways/${id}/outcomes`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Outcome scores over time');
    await audit.check();

    const phq = page.locator('section', { has: page.getByRole('heading', { name: 'PHQ-9 (depression)' }) });
    const chart = phq.getByRole('img');
    await expect(chart.getAttribute('aria-labelledby')).resolves.toContain('chart-PHQ9-title');
    await expect(phq.locator('svg circle').count()).resolves.toBe(3);
    await expect(phq.locator('svg polyline').count()).resolves.toBe(1);
    await expect(phq.locator('svg').innerHTML()).resolves.toContain('Moderately severe');
    const table = await phq.locator('table').innerText();
    expect(table).toMatch(/2 March 2026\s+Baseline\s+18\s+Moderately severe/);
    expect(table).toMatch(/25 May 2026\s+Review\s+8\s+Mild/);
    expect(table).toMatch(/17 August 2026\s+Discharge\s+3\s+Minimal/);
    const nrs = page.locator('section', { has: page.getByRole('heading', { name: 'Pain intensity (NRS)' }) });
    await expect(nrs.locator('svg circle').count()).resolves.toBe(1);
    await expect(nrs.locator('table').innerText()).resolves.toMatch(/Review\s+6/);
    await expect(page.getByRole('heading', { name: 'GAD-7 (anxiety)' }).count()).resolves.toBe(0);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });
});
