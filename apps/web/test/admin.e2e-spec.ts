import type { Page } from 'playwright-core';
import { FixedClock } from '@carepath/common';
import {
  AccessibilityAudit,
  bearer,
  createOrganisation,
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

const SCRIPT = '<script>alert(1)</script>';

/**
 * An admin's day with the waiting lists (today is 1 September 2026): the overview at home, a list in the API's order
 * with its filters and pages, setting capacity (with a mistake first), a patient's access log; and who may not.
 */
describe('admin pages: waiting lists, capacity and the access log', () => {
  let w: WebTest;
  let world: World;
  let adminToken: string;
  let otherAdmin: TestUser;
  let adminPage: Page;
  const ids: Record<string, { referralId: string; patientId: string }> = {};
  const dialogs: string[] = [];

  async function seed(
    name: string,
    receivedOn: string,
    priority: 'routine' | 'urgent',
    options: { interpreter?: string; practice?: string } = {},
  ) {
    const patientId = await createPatient(w.t.dataSource, world.service, options.practice ?? world.practiceA, {
      interpreterLanguage: options.interpreter ?? null,
    });
    const created = await w.t.http
      .post('/api/v1/referrals')
      .set(bearer(adminToken))
      .send({ patientId, priority, reason: name, receivedOn })
      .expect(201);
    ids[name] = { referralId: created.body.id, patientId };
    return created.body.id as string;
  }

  async function signedIn(email: string): Promise<Page> {
    const page = await w.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signInAs(page, email);
    return page;
  }

  /** A signed-in page and the audit of every page it reaches from now on (home is checked first). */
  async function newPage(email: string): Promise<{ page: Page; audit: AccessibilityAudit }> {
    return audited(await signedIn(email));
  }

  async function audited(page: Page): Promise<{ page: Page; audit: AccessibilityAudit }> {
    await page.goto('/');
    const audit = new AccessibilityAudit(page);
    await audit.check();
    return { page, audit };
  }

  async function rowTexts(page: Page): Promise<string[]> {
    return page.locator('table.app-waiting-list tbody tr').allInnerTexts();
  }

  beforeAll(async () => {
    w = await startWebTest({ clock: new FixedClock(new Date('2026-09-01T09:00:00Z')) });
    world = await createWorld(w.t.dataSource);
    otherAdmin = await createUser(w.t.dataSource, await createOrganisation(w.t.dataSource, 'pain-service'), 'admin');
    adminToken = (await login(w.t.http, world.admin.email)).accessToken;
    const clinicianToken = (await login(w.t.http, world.clinician.email)).accessToken;
    const referrals = [
      await seed('very-old', '2025-08-01', 'routine'), // 396 days: the longest wait
      await seed('scripted', '2026-03-01', 'routine'), // 184 days: breached on 5 July
      await seed('near-breach', '2026-05-01', 'routine', { interpreter: 'Polish' }),
      await seed('urgent-new', '2026-08-30', 'urgent'),
      await seed('practice-b', '2026-08-25', 'routine', { practice: world.practiceB }),
    ];
    for (let i = 0; i < 22; i += 1) referrals.push(await seed(`filler-${i}`, `2026-08-${String(1 + i).padStart(2, '0')}`, 'routine'));
    for (const id of referrals) {
      await w.t.http
        .post(`/api/v1/referrals/${id}/triage`)
        .set(bearer(clinicianToken))
        .send({ outcome: 'accept', modalities: ['physiotherapy'], version: 1 })
        .expect(200);
    }
    // Names from an older system are not held to the API's rules: one holds markup, which must show as text.
    await w.t.dataSource.query('UPDATE patient SET given_name = $1 WHERE id = $2', [SCRIPT, ids.scripted.patientId]);
    adminPage = await signedIn(world.admin.email);
  }, 60_000);
  afterAll(() => w.close());

  it("opens on the waiting lists: each list's count, longest wait, breaches and capacity against demand", async () => {
    const { page, audit } = await audited(adminPage);
    await expect(page.locator('h1').innerText()).resolves.toBe('Waiting lists');
    const physio = page.locator('tr', { has: page.getByRole('link', { name: 'Physiotherapy', exact: true }) });
    const cells = await physio.locator('td').allInnerTexts();
    expect(cells[0]).toMatch(/^27\s+1 urgent$/);
    expect(cells[1]).toBe('56 weeks 4 days');
    expect(cells[2]).toBe('2');
    expect(cells[3]).toContain('No capacity set');
    const tens = await page
      .locator('tr', { has: page.getByRole('link', { name: 'TENS', exact: true }) })
      .locator('td')
      .allInnerTexts();
    expect(tens.slice(0, 3)).toEqual(['0', 'None waiting', '0']);
    await audit.check();

    await page.goto('/waiting-lists');
    await expect(page.locator('h1').innerText()).resolves.toBe('Waiting lists');
    await audit.check();

    // A service manager sees the same lists, read-only.
    const manager = await newPage(world.manager.email);
    await expect(manager.page.locator('h1').innerText()).resolves.toBe('Waiting lists');
    await expect(manager.page.getByRole('link', { name: /Set capacity/ }).count()).resolves.toBe(0);
    await manager.audit.check();
    for (const a of [audit, manager.audit]) {
      expect(a.violations).toEqual([]);
      expect(a.unchecked()).toEqual([]);
    }
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it("shows a list in the API's order with waits, breach dates and flags, filters it and pages through it", async () => {
    const { page, audit } = await audited(adminPage);
    await page.getByRole('link', { name: 'Physiotherapy', exact: true }).click();
    await page.waitForURL('**/waiting-lists/physiotherapy');
    await expect(page.locator('h1').innerText()).resolves.toBe('Physiotherapy waiting list');
    await audit.check();

    const api = await w.t.http.get('/api/v1/waiting-list').query({ modality: 'physiotherapy' }).set(bearer(adminToken)).expect(200);
    const links = await page
      .locator('table.app-waiting-list tbody tr td:nth-child(2) a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(api.body.items.map((i: { referralId: string }) => `/referrals/${i.referralId}`));
    const rows = await rowTexts(page);
    expect(rows).toHaveLength(25);
    expect(rows[0]).toMatch(/^1\t/);
    expect(rows[0]).toContain('Urgent');
    const scripted = rows.find((r) => r.includes(SCRIPT));
    expect(scripted).toContain('26 weeks 2 days');
    expect(scripted).toContain('RTT weeks 26-27');
    expect(scripted).toContain('5 July 2026');
    expect(scripted).toContain('Over 18 weeks');
    expect(scripted).toContain('Not known');
    expect(scripted).toMatch(/NHS number \d{3} \d{3} \d{4}/);
    expect(rows.find((r) => r.includes('Interpreter: Polish'))).toContain('4 September 2026');
    expect(dialogs).toEqual([]);

    await page.getByLabel('Time waited').selectOption({ label: 'Over 18 weeks' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/breached=true/);
    const breached = await rowTexts(page);
    expect(breached.map((r) => r.split('\t')[0])).toEqual(['2', '3']);
    expect(breached[1]).toContain(SCRIPT);
    await audit.check();

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.getByRole('link', { name: /Next/ }).click();
    await page.waitForURL(/cursor=/);
    const second = await rowTexts(page);
    expect(second.map((r) => r.split('\t')[0])).toEqual(['26', '27']);
    await expect(page.locator('caption').innerText()).resolves.toContain('page 2');
    await page.getByRole('link', { name: /Previous/ }).click();
    await page.waitForURL((url) => !url.search.includes('cursor'));
    expect(await rowTexts(page)).toHaveLength(25);
    await audit.check();
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it("sets a list's capacity: a wrong number is shown NHS-style and stores nothing; a right one updates the estimates", async () => {
    const { page, audit } = await audited(adminPage);
    await page.goto('/waiting-lists/physiotherapy');
    await page.getByRole('link', { name: /Set capacity/ }).click();
    await page.waitForURL('**/waiting-lists/physiotherapy/capacity');
    await audit.check();

    await page.getByLabel('Slots per week').fill('-3');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save capacity' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Slots per week must be 0 or more');
    await expect(page.locator('#slotsPerWeek-error').innerText()).resolves.toContain('Slots per week must be 0 or more');
    await expect(page.getByLabel('Slots per week').inputValue()).resolves.toBe('-3');
    expect(await page.title()).toMatch(/^Error: /);
    await audit.check();

    await page.getByLabel('Slots per week').fill('lots');
    await page.getByLabel('Slots per week').press('Enter');
    await expect(page.locator('#slotsPerWeek-error').innerText()).resolves.toContain('Enter slots per week as a whole number, like 12');
    const physio = async () =>
      (await w.t.http.get('/api/v1/capacity').set(bearer(adminToken)).expect(200)).body.items.find(
        (i: { modality: string }) => i.modality === 'physiotherapy',
      );
    expect(await physio()).toMatchObject({ slotsPerWeek: 0, version: null });

    await page.getByLabel('Slots per week').fill('4');
    await page.getByRole('button', { name: 'Save capacity' }).click();
    await page.waitForURL('**/waiting-lists/physiotherapy');
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Capacity set to 4 slots a week');
    expect(await physio()).toMatchObject({ slotsPerWeek: 4, version: 1 });
    const rows = await rowTexts(page);
    expect(rows[0]).toContain('1 week');
    expect(rows[24]).toContain('7 weeks');
    await audit.check();
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it("shows a patient's access log, newest first, under the patient banner, page by page", async () => {
    // A GP of another practice tries the record 50 times: each refusal is in the log.
    const gpB = (await login(w.t.http, world.gpB.email)).accessToken;
    for (let i = 0; i < 50; i += 1) await w.t.http.get(`/api/v1/patients/${ids.scripted.patientId}`).set(bearer(gpB)).expect(404);
    const { page, audit } = await audited(adminPage);
    await page.goto(`/patients/${ids.scripted.patientId}/access-log`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Who has accessed this record');
    await expect(page.locator('.app-patient-banner').innerText()).resolves.toContain(SCRIPT);
    const first = await page.locator('tbody tr').allInnerTexts();
    expect(first).toHaveLength(50);
    expect(first[0]).toMatch(/1 September 2026 at 10:00am\s+Test gp\s+GP\s+Patient: read\s+Refused/);
    await audit.check();

    await page.getByRole('link', { name: /Older/ }).click();
    await page.waitForURL(/cursor=/);
    const second = await page.locator('tbody tr').allInnerTexts();
    expect(second.some((r) => r.includes('Test admin') && r.includes('Referral: waiting list') && r.includes('Allowed'))).toBe(true);
    expect(second.some((r) => r.includes('Test clinician') && r.includes('Referral: triage'))).toBe(true);
    expect(second.at(-1)).toContain('Referral: create');
    await audit.check();
    await page.getByRole('link', { name: /Newer/ }).click();
    await page.waitForURL((url) => !url.search.includes('cursor'));
    await expect(page.locator('tbody tr').count()).resolves.toBe(50);
    await audit.check();
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it("refuses a GP the clinic's pages, a clinician capacity, and another service's admin this service's patients", async () => {
    const gp = await newPage(world.gpA.email);
    for (const path of ['/waiting-lists/physiotherapy', '/waiting-lists', `/patients/${ids.scripted.patientId}/access-log`]) {
      const response = await gp.page.goto(path);
      expect(`${path} ${response?.status()}`).toBe(`${path} 403`);
      await expect(gp.page.locator('h1').innerText()).resolves.toBe('You cannot do this');
    }
    await gp.audit.check();
    const clinician = await newPage(world.clinician.email);
    expect((await clinician.page.goto('/waiting-lists/physiotherapy/capacity'))?.status()).toBe(403);
    await clinician.audit.check();
    const other = await newPage(otherAdmin.email);
    const response = await other.page.goto(`/patients/${ids.scripted.patientId}/access-log`);
    expect(response?.status()).toBe(404);
    await expect(other.page.locator('h1').innerText()).resolves.toBe('Page not found');
    expect(await other.page.locator('main').innerText()).not.toContain(SCRIPT);
    expect((await other.page.goto('/waiting-lists/yoga'))?.status()).toBe(404);
    // A tampered filter or cursor in the address is a page with the problem, never a 500.
    expect((await other.page.goto('/waiting-lists/physiotherapy?practiceId=nonsense'))?.status()).toBe(400);
    await expect(other.page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('GP practice');
    await other.audit.check();
    expect((await other.page.goto('/waiting-lists/physiotherapy?cursor=bm9wZQ'))?.status()).toBe(400);
    await other.audit.check();
    expect((await other.page.goto('/waiting-lists/physiotherapy'))?.status()).toBe(200);
    expect(await rowTexts(other.page)).toEqual([]);
    await other.audit.check();
    for (const a of [gp.audit, clinician.audit, other.audit]) expect(a.violations).toEqual([]);
  });
});
