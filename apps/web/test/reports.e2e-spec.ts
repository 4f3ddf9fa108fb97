import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { FixedClock } from '@carepath/common';
import type { WaitingListReport } from '@carepath/referrals';
import { AccessibilityAudit, bearer, createPatient, createWorld, login, signInAs, startWebTest, WebTest, World } from '@carepath/testing';

const SCRIPT_NAME = '<script>alert(1)</script> Surgery';

describe('report pages for service managers and admins', () => {
  let w: WebTest;
  let world: World;
  const clock = new FixedClock(new Date('2026-03-20T10:00:00Z'));

  async function tokenOf(email: string): Promise<Record<string, string>> {
    return bearer((await login(w.t.http, email)).accessToken);
  }

  beforeAll(async () => {
    w = await startWebTest({ clock });
    world = await createWorld(w.t.dataSource);
    await w.t.dataSource.query('UPDATE organisation SET name = $2 WHERE id = $1', [world.practiceA, SCRIPT_NAME]);
    const admin = await tokenOf(world.admin.email);
    const clinician = await tokenOf(world.clinician.email);
    let acceptedId = '';
    for (const [receivedOn, triage] of [
      ['2026-01-12', { outcome: 'accept', modalities: ['physiotherapy'] }],
      ['2026-02-02', { outcome: 'reject', reason: 'Not a pain referral' }],
      ['2026-02-09', null],
    ] as const) {
      const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA);
      const referral = await w.t.http
        .post('/api/v1/referrals')
        .set(admin)
        .send({ patientId, priority: 'routine', reason: 'Back pain', receivedOn })
        .expect(201);
      if (triage)
        await w.t.http
          .post(`/api/v1/referrals/${referral.body.id}/triage`)
          .set(clinician)
          .send({ ...triage, version: 1 })
          .expect(200);
      if (triage?.outcome === 'accept') acceptedId = referral.body.id;
    }
    // The accepted referral's pathway: PHQ-9 from 15 to 5, and one session attended, one missed.
    const pathway = await w.t.http
      .post(`/api/v1/referrals/${acceptedId}/pathway`)
      .set(clinician)
      .send({
        goals: ['Sleep better'],
        activities: [{ modality: 'physiotherapy', plannedSessions: 6, leadClinicianId: world.clinician.id }],
      })
      .expect(201);
    for (const [timepoint, answers] of [
      ['baseline', [2, 2, 2, 2, 2, 2, 2, 1, 0]],
      ['discharge', [1, 1, 1, 1, 1, 0, 0, 0, 0]],
    ] as const)
      await w.t.http
        .post(`/api/v1/pathways/${pathway.body.id}/outcomes`)
        .set(clinician)
        .send({ measure: 'PHQ9', timepoint, answers })
        .expect(201);
    for (const [startsAt, outcome] of [
      ['2026-03-02T10:00:00Z', 'attended'],
      ['2026-03-09T10:00:00Z', 'dna'],
    ]) {
      const session = await w.t.http
        .post(`/api/v1/activities/${pathway.body.activities[0].id}/sessions`)
        .set(admin)
        .send({ startsAt })
        .expect(201);
      await w.t.http.post(`/api/v1/sessions/${session.body.id}/attendance`).set(clinician).send({ outcome, version: 1 }).expect(200);
    }
  });
  afterAll(() => w.close());

  async function managerPage(): Promise<{ page: Page; audit: AccessibilityAudit }> {
    const page = await w.newPage();
    await signInAs(page, world.manager.email);
    return { page, audit: new AccessibilityAudit(page) };
  }

  it('opens the reports from the header, shows the waiting list as a histogram with the 18-week line beside its table', async () => {
    const { page, audit } = await managerPage();
    await page.getByRole('link', { name: 'Reports' }).first().click();
    await page.waitForURL('**/reports');
    await audit.check();
    await expect(page.locator('main').innerText()).resolves.toContain('Waiting list');

    await page.getByRole('link', { name: 'Waiting list', exact: true }).click();
    await page.waitForURL('**/reports/waiting-list');
    await audit.check();
    const chart = page.getByRole('img', { name: /Patients waiting by RTT week band/ });
    await expect(chart.locator('.app-chart__bar').count()).resolves.toBe(26);
    await expect(chart.locator('.app-chart__marker-label').textContent()).resolves.toBe('18 weeks');
    const table = page.getByRole('table', { name: 'Patients waiting on each list' });
    // The same numbers as the API's report, list by list.
    const api = await w.t.http
      .get('/api/v1/reports/waiting-list')
      .set(await tokenOf(world.manager.email))
      .expect(200);
    const all = (api.body as WaitingListReport).rows.find((r) => r.modality === 'all') as WaitingListReport['rows'][number];
    expect(all.total).toBeGreaterThan(0);
    await expect(table.getByRole('row', { name: /^All pathways/ }).innerText()).resolves.toMatch(
      new RegExp(`All pathways\\s+${all.total}\\s+${all.over18Weeks}\\s+${all.over52Weeks}`),
    );
    await expect(table.getByRole('row', { name: /^Not yet triaged/ }).innerText()).resolves.toMatch(/1\s+0\s+0/);
    await expect(page.locator('main').innerText()).resolves.toContain('snapshot of today');

    // Outcome change and DNA rate per therapy, as charts beside their tables.
    await page.goto('/reports/outcomes');
    await audit.check();
    const change = page.getByRole('img', { name: /PHQ9 mean change per therapy/ });
    await expect(change.innerHTML()).resolves.toContain('−10');
    await expect(page.getByRole('table', { name: /Baseline against discharge/ }).innerText()).resolves.toMatch(
      /Physiotherapy\s+PHQ9\s+1\s+15\s+5\s+−10/,
    );
    await page.goto('/reports/dna');
    await audit.check();
    await expect(page.getByRole('img', { name: /DNA rate per therapy/ }).innerHTML()).resolves.toContain('50%');
    await expect(page.getByRole('table', { name: 'DNA rate per therapy' }).innerText()).resolves.toMatch(/Physiotherapy\s+1\s+1\s+50%/);

    for (const name of ['mdt', 'letters', 'handoffs']) {
      const response = await page.goto(`/reports/${name}`);
      expect(response?.status()).toBe(200);
      await audit.check();
    }
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  }, 120_000);

  it('filters the referrals report by a date range, refuses a range that ends before it starts, and downloads the CSV', async () => {
    const { page, audit } = await managerPage();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await page.goto('/reports/referrals');
    await audit.check();
    const from = page.getByRole('group', { name: 'Start date' });
    const to = page.getByRole('group', { name: 'End date' });
    await from.getByLabel('Day').fill('1');
    await from.getByLabel('Month').fill('3');
    await from.getByLabel('Year').fill('2026');
    await to.getByLabel('Day').fill('31');
    await to.getByLabel('Month').fill('1');
    await to.getByLabel('Year').fill('2026');
    const refused = page.waitForResponse((r) => r.url().includes('/reports/referrals?'));
    await page.getByRole('button', { name: 'Show report' }).click();
    expect((await refused).status()).toBe(400);
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain(
      'Start date must be the same as or before the end date',
    );
    await expect(from.getByLabel('Month').inputValue()).resolves.toBe('3');
    await expect(page.getByText('Download this report').count()).resolves.toBe(0);
    await audit.check();

    await from.getByLabel('Month').fill('2');
    await to.getByLabel('Month').fill('2');
    await to.getByLabel('Day').fill('28');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.waitForURL(/from-month=2/);
    await audit.check();
    const table = page.getByRole('table', { name: 'Referrals by month, practice and triage outcome' });
    const rows = await table.locator('tbody tr').allInnerTexts();
    // February only: the rejected referral and the one awaiting triage; the January acceptance is outside the range.
    expect(rows).toEqual([expect.stringMatching(new RegExp(`^February 2026\\s+${escape(SCRIPT_NAME)}\\s+2\\s+0\\s+1\\s+0\\s+0\\s+1$`))]);
    expect(dialogs).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download this report/ }).click()]);
    expect(download.suggestedFilename()).toBe('referrals-2026-03-20.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const api = await w.t.http
      .get('/api/v1/reports/referrals')
      .query({ format: 'csv', from: '2026-02-01', to: '2026-02-28' })
      .set(await tokenOf(world.manager.email))
      .expect(200);
    expect(csv).toBe(api.text);
    expect(csv.trim().split('\n')).toEqual([
      expect.stringMatching(/^month,practice_id/),
      `2026-02,${world.practiceA},${SCRIPT_NAME},2,0,1,0,0,1`,
    ]);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  }, 120_000);

  it('is refused to a GP with the forbidden page, and open to an admin', async () => {
    const gp = await w.newPage();
    await signInAs(gp, world.gpA.email);
    const audit = new AccessibilityAudit(gp);
    const forbidden = await gp.goto('/reports');
    expect(forbidden?.status()).toBe(403);
    await expect(gp.locator('h1').innerText()).resolves.toContain('You cannot');
    await audit.check();
    expect((await gp.goto('/reports/referrals/csv'))?.status()).toBe(403);
    await audit.check();

    const admin = await w.newPage();
    await signInAs(admin, world.admin.email);
    expect((await admin.goto('/reports/dna'))?.status()).toBe(200);
    expect((await admin.goto('/reports/no-such-report'))?.status()).toBe(404);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  }, 120_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
