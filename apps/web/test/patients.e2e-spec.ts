import type { Page } from 'playwright-core';
import { FixedClock } from '@carepath/common';
import {
  AccessibilityAudit,
  bearer,
  createPatient,
  createWorld,
  login,
  nextNhsNumber,
  signInAs,
  startWebTest,
  WebTest,
  World,
} from '@carepath/testing';

describe('patients in the web interface', () => {
  let w: WebTest;
  let world: World;
  let adminToken: string;
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));

  beforeAll(async () => {
    w = await startWebTest({ clock });
    world = await createWorld(w.t.dataSource);
    adminToken = (await login(w.t.http, world.admin.email)).accessToken;
  });
  afterAll(() => w.close());

  async function patientCount(nhsNumber: string): Promise<number> {
    const res = await w.t.http.get('/api/v1/patients').query({ nhsNumber }).set(bearer(adminToken));
    return (res.body as { items: unknown[] }).items.length;
  }

  async function dialogWatch(page: Page): Promise<string[]> {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return dialogs;
  }

  it('an admin registers a patient with communication needs, finds them by NHS number and by name, and opens their page', async () => {
    const page = await w.newPage();
    const dialogs = await dialogWatch(page);
    await signInAs(page, world.admin.email);
    const audit = new AccessibilityAudit(page);
    await page.getByRole('link', { name: 'Patients' }).first().click();
    await page.waitForURL('**/patients');
    await audit.check();

    await page.getByRole('link', { name: 'Register a patient' }).click();
    await page.waitForURL('**/patients/new');
    await audit.check();
    const nhsNumber = nextNhsNumber();
    await page.getByLabel('NHS number').fill(`${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`);
    await page.getByLabel('Given name').fill('Zofia');
    await page.getByLabel('Family name').fill('Nowak');
    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Month').fill('4');
    await page.getByLabel('Year').fill('1961');
    await page.getByLabel('Postcode').fill('ls1 4ap');
    await page.getByLabel('GP practice', { exact: true }).selectOption(world.practiceA);
    await page.getByLabel('Phone number (optional)').fill('0113 496 0000');
    await page.getByLabel('Large print').check();
    await page.getByLabel('Bsl interpreter').check();
    await page.getByLabel('Spoken-language interpreter (optional)').fill('Polish');
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    await audit.check();

    const main = await page.locator('main').innerText();
    expect(main).toContain('is registered');
    expect(main).toContain('Interpreter needed: Polish');
    expect(main).toContain('Information format: Large print');
    expect(main).toContain(`${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`);
    expect(main).toContain('12 April 1961');
    expect(main).toContain('LS1 4AP');
    expect(main).toContain('No referrals.');
    expect(main).toContain('Who has accessed this record');
    expect(dialogs).toEqual([]);

    const stored = await w.t.http.get('/api/v1/patients').query({ nhsNumber }).set(bearer(adminToken));
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.items[0]).toMatchObject({
      givenName: 'Zofia',
      familyName: 'Nowak',
      dateOfBirth: '1961-04-12',
      gpPracticeId: world.practiceA,
      phone: '0113 496 0000',
      communicationNeeds: { format: 'large-print', support: ['bsl-interpreter'], interpreterLanguage: 'Polish' },
    });

    // Found by NHS number and by the start of the name, from the search box.
    await page.getByRole('link', { name: 'Patients' }).first().click();
    await page.waitForURL('**/patients');
    await page.getByLabel('NHS number or name').fill(nhsNumber);
    await page.getByLabel('NHS number or name').press('Enter');
    await page.waitForURL('**/patients?q=*');
    await audit.check();
    await expect(page.locator('table').innerText()).resolves.toContain('NOWAK, Zofia');
    await page.getByLabel('NHS number or name').fill('zof');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForLoadState('load');
    await page.getByRole('link', { name: /Zofia/ }).click();
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    await audit.check();
    await expect(page.locator('.app-patient-banner').innerText()).resolves.toContain('Zofia');
    expect(dialogs).toEqual([]);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it("shows HTML stored in a patient's name as text, never run", async () => {
    // The API refuses such a name; a record migrated from elsewhere may still hold one.
    const id = await createPatient(w.t.dataSource, world.service, world.practiceA, { interpreterLanguage: 'Urdu' });
    await w.t.dataSource.query(
      `UPDATE patient SET given_name = '<script>alert(1)</script>', family_name = '<img src=x onerror=alert(2)>' WHERE id = $1`,
      [id],
    );
    const page = await w.newPage();
    const dialogs = await dialogWatch(page);
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await page.goto(`/patients/${id}`);
    await audit.check();
    const main = await page.locator('main').innerText();
    expect(main).toContain('<script>alert(1)</script>');
    expect(main).toContain('<IMG SRC=X ONERROR=ALERT(2)>');
    expect(main).toContain('Interpreter needed: Urdu');
    expect(main).not.toContain('Who has accessed this record');
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(audit.violations).toEqual([]);
  });

  it('keeps what was typed and names each problem when the NHS number fails its check digit and fields are missing, storing nothing', async () => {
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await page.goto('/patients/new');
    const good = nextNhsNumber();
    const wrongCheckDigit = `${good.slice(0, 9)}${(Number(good[9]) + 1) % 10}`;
    await page.getByLabel('NHS number').fill(wrongCheckDigit);
    await page.getByLabel('Given name').fill('Amir');
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('1980');
    const response = page.waitForResponse((r) => r.url().endsWith('/patients/new') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Register patient' }).click();
    expect((await response).status()).toBe(400);
    await page.waitForLoadState('load');
    await audit.check();
    const summary = await page.locator('.nhsuk-error-summary').innerText();
    expect(summary).toContain('There is a problem');
    expect(summary).toContain('Enter family name');
    expect(summary).toContain('Date of birth must be a real date');
    expect(summary).toContain('Postcode must be a UK postcode');
    expect(summary).toContain('Select the GP practice the patient is registered with');
    await expect(page.locator('#familyName-error').innerText()).resolves.toContain('Enter family name');
    await expect(page.getByLabel('Given name').inputValue()).resolves.toBe('Amir');
    await expect(page.getByLabel('Day').inputValue()).resolves.toBe('31');
    expect(await page.title()).toMatch(/^Error: /);

    // The remaining problem is the API's own 422: the check digit, shown beside the NHS number.
    await page.getByLabel('Family name').fill('Khan');
    await page.getByLabel('Day').fill('28');
    await page.getByLabel('Postcode').fill('LS1 4AP');
    await page.getByLabel('GP practice', { exact: true }).selectOption(world.practiceB);
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.waitForLoadState('load');
    await audit.check();
    await expect(page.locator('#nhsNumber-error').innerText()).resolves.toContain('check digit');
    await expect(page.getByLabel('NHS number').inputValue()).resolves.toBe(wrongCheckDigit);
    await expect(page.getByLabel('Family name').inputValue()).resolves.toBe('Khan');
    expect(await patientCount(wrongCheckDigit)).toBe(0);

    // A patient already registered: the NHS number says so.
    const existing = await createPatient(w.t.dataSource, world.service, world.practiceA);
    const existingNhs = (await w.t.http.get(`/api/v1/patients/${existing}`).set(bearer(adminToken))).body.nhsNumber as string;
    await page.getByLabel('NHS number').fill(existingNhs);
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.waitForLoadState('load');
    await audit.check();
    await expect(page.locator('#nhsNumber-error').innerText()).resolves.toContain('already registered');
    expect(await patientCount(existingNhs)).toBe(1);
    expect(audit.violations).toEqual([]);
  });

  it('a search with a name the API refuses is an NHS error, not a 500', async () => {
    const page = await w.newPage();
    await signInAs(page, world.admin.email);
    const audit = new AccessibilityAudit(page);
    const response = await page.goto('/patients?q=%3Cb%3E');
    expect(response?.status()).toBe(400);
    await audit.check();
    await expect(page.locator('#q-error').innerText()).resolves.toContain('NHS number');
    expect(audit.violations).toEqual([]);
  });

  it("a GP cannot open another practice's patient, nor register one", async () => {
    const page = await w.newPage();
    const theirs = await createPatient(w.t.dataSource, world.service, world.practiceB);
    await signInAs(page, world.gpA.email);
    const audit = new AccessibilityAudit(page);
    const other = await page.goto(`/patients/${theirs}`);
    expect(other?.status()).toBe(404);
    await audit.check();
    await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
    const register = await page.goto('/patients/new');
    expect([403, 404]).toContain(register?.status());
    await audit.check();
    const malformed = await page.goto('/patients/not-a-uuid');
    expect(malformed?.status()).toBe(404);
    await audit.check();
    expect(audit.violations).toEqual([]);
  });
});
