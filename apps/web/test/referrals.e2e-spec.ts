import type { Page } from 'playwright-core';
import { FixedClock } from '@carepath/common';
import { formatDate } from '../src/view-filters';
import { AccessibilityAudit, bearer, createPatient, createWorld, login, signInAs, startWebTest, WebTest, World } from '@carepath/testing';

describe('referrals in the web interface', () => {
  let w: WebTest;
  let world: World;
  let adminToken: string;
  let clinicianToken: string;
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));

  beforeAll(async () => {
    w = await startWebTest({ clock });
    world = await createWorld(w.t.dataSource);
    adminToken = (await login(w.t.http, world.admin.email)).accessToken;
    clinicianToken = (await login(w.t.http, world.clinician.email)).accessToken;
  });
  afterAll(() => w.close());

  async function referral(id: string) {
    const res = await w.t.http.get(`/api/v1/referrals/${id}`).set(bearer(adminToken));
    expect(res.status).toBe(200);
    return res.body;
  }

  /** A referral received on `receivedOn`, accepted at triage by the clinician (through the API). */
  async function acceptedReferral(patientId: string, receivedOn = '2026-01-05'): Promise<string> {
    const created = await w.t.http
      .post('/api/v1/referrals')
      .set(bearer(adminToken))
      .send({ patientId, priority: 'routine', reason: 'Chronic low back pain', receivedOn });
    await w.t.http
      .post(`/api/v1/referrals/${created.body.id}/triage`)
      .set(bearer(clinicianToken))
      .send({ outcome: 'accept', modalities: ['physiotherapy'], introSession: true, version: created.body.version });
    return created.body.id as string;
  }

  function watchDialogs(page: Page): string[] {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return dialogs;
  }

  it("an admin enters a referral on a GP's behalf from the patient's page; HTML in the reason shows as text", async () => {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA, { interpreterLanguage: 'Polish' });
    const page = await w.newPage();
    const dialogs = watchDialogs(page);
    await signInAs(page, world.admin.email);
    const audit = new AccessibilityAudit(page);
    await page.goto(`/patients/${patientId}`);
    await audit.check();
    await page.getByRole('link', { name: 'Enter a referral on a GP’s behalf' }).click();
    await page.waitForURL(`**/patients/${patientId}/referrals/new`);
    await audit.check();
    await expect(page.locator('.app-communication-needs').innerText()).resolves.toContain('Polish');

    // A date in the future is the API's 422, shown on the date; what was typed stays.
    await page.getByLabel('Urgent').check();
    await page.getByLabel('Reason for referral and clinical details').fill('<script>alert(1)</script> Severe sciatica\nfor 8 months');
    await page.getByLabel('Day', { exact: true }).fill('3');
    await page.getByLabel('Month', { exact: true }).fill('3');
    await page.getByLabel('Year', { exact: true }).fill('2026');
    await page.getByLabel('History of cancer').check();
    await page.getByRole('button', { name: 'Enter referral' }).click();
    await page.waitForLoadState('load');
    await audit.check();
    await expect(page.locator('#receivedOn-error').innerText()).resolves.toContain('cannot be in the future');
    await expect(page.getByLabel('History of cancer').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Urgent').isChecked()).resolves.toBe(true);
    const none = await w.t.http.get('/api/v1/referrals').query({ patientId }).set(bearer(adminToken));
    expect(none.body.total).toBe(0);

    await page.getByLabel('Day', { exact: true }).fill('16');
    await page.getByLabel('Month', { exact: true }).fill('2');
    await page.getByLabel('External reference (optional)').fill('000123456789');
    await page.getByRole('button', { name: 'Enter referral' }).click();
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    await audit.check();
    const main = await page.locator('main').innerText();
    expect(main).toContain('Referral entered');
    expect(main).toContain('<script>alert(1)</script> Severe sciatica');
    expect(main).toContain('Red flags reported');
    expect(main).toContain('History of cancer');
    expect(main).toContain('Awaiting triage');
    expect(main).toContain('16 February 2026');
    expect(main).toMatch(/Days waited\s+14/);
    expect(dialogs).toEqual([]);

    const id = new URL(page.url()).pathname.split('/').pop() as string;
    expect(main).toMatch(new RegExp(`18-week breach date\\s+${formatDate((await referral(id)).clock.breachOn)}`));
    expect(await referral(id)).toMatchObject({
      patientId,
      priority: 'urgent',
      reason: '<script>alert(1)</script> Severe sciatica\nfor 8 months',
      receivedOn: '2026-02-16',
      externalReference: '000123456789',
      redFlags: { historyOfCancer: true, caudaEquinaSymptoms: false },
      status: 'received',
      referredByUserId: world.admin.id,
    });

    // The patient's page lists it, with its status and wait.
    await page.getByRole('link', { name: /^Test Patient$/ }).click();
    await page.waitForURL(`**/patients/${patientId}`);
    await audit.check();
    const row = await page.locator('table tbody tr').first().innerText();
    expect(row).toContain('Received 16 February 2026');
    expect(row).toContain('Urgent');
    expect(row).toContain('Awaiting triage');
    expect(row).toContain('14 days');
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it('an admin books the assessment, records attendance and a patient-initiated delay', async () => {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA, { interpreterLanguage: 'Urdu' });
    const id = await acceptedReferral(patientId);
    const page = await w.newPage();
    await signInAs(page, world.admin.email);
    const audit = new AccessibilityAudit(page);
    await page.goto(`/referrals/${id}`);
    await audit.check();
    expect(await page.locator('main').innerText()).toContain('Accepted, awaiting assessment');

    await page.getByRole('link', { name: 'Book the assessment or introductory session' }).click();
    await page.waitForURL(`**/referrals/${id}/appointments/new`);
    await audit.check();
    await expect(page.locator('main').innerText()).resolves.toContain('Book a Urdu interpreter');
    // No time: asked for, with what was typed kept.
    await page.getByLabel('First assessment').check();
    await page.getByLabel('Day', { exact: true }).fill('9');
    await page.getByLabel('Month', { exact: true }).fill('3');
    await page.getByLabel('Year', { exact: true }).fill('2026');
    await page.getByLabel('Location (optional)').fill('Room 2, Seacroft clinic');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    expect((await refused).status()).toBe(400);
    await page.waitForLoadState('load');
    await audit.check();
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Date and time must be a real date');
    await expect(page.getByLabel('Location (optional)').inputValue()).resolves.toBe('Room 2, Seacroft clinic');
    expect((await referral(id)).appointments).toEqual([]);

    await page.getByLabel('Time', { exact: true }).fill('14:30');
    await page.getByLabel('I have told the patient the date and time today').check();
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.waitForURL(`**/referrals/${id}`);
    await audit.check();
    let main = await page.locator('main').innerText();
    expect(main).toContain('Assessment booked');
    expect(main).toContain('9 March 2026 at 2:30pm');
    expect(main).toContain('Yes, Urdu');
    let stored = await referral(id);
    expect(stored.appointments).toEqual([
      expect.objectContaining({
        kind: 'assessment',
        startsAt: '2026-03-09T14:30:00.000Z',
        location: 'Room 2, Seacroft clinic',
        communicatedAt: '2026-03-02T10:00:00.000Z',
        outcome: 'booked',
      }),
    ]);

    await page.getByRole('link', { name: /Record attendance/ }).click();
    await page.waitForURL(`**/referrals/${id}/appointments/*/attendance`);
    await audit.check();
    await page.getByLabel('Attended').check();
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.waitForURL(`**/referrals/${id}`);
    await audit.check();
    main = await page.locator('main').innerText();
    expect(main).toContain('Attendance recorded: attended (assessment)');
    expect(main).toContain('Assessed, waiting for treatment');
    stored = await referral(id);
    expect(stored.status).toBe('waiting');
    expect(stored.appointments[0].outcome).toBe('attended');

    await page.getByRole('link', { name: 'Record a patient-initiated delay' }).click();
    await page.waitForURL(`**/referrals/${id}/delays/new`);
    await audit.check();
    await page.getByRole('group', { name: 'Start date' }).getByLabel('Day', { exact: true }).fill('1');
    await page.getByRole('group', { name: 'Start date' }).getByLabel('Month', { exact: true }).fill('3');
    await page.getByRole('group', { name: 'Start date' }).getByLabel('Year', { exact: true }).fill('2026');
    await page.getByRole('group', { name: 'End date (optional)' }).getByLabel('Day', { exact: true }).fill('20');
    await page.getByRole('group', { name: 'End date (optional)' }).getByLabel('Month', { exact: true }).fill('3');
    await page.getByRole('group', { name: 'End date (optional)' }).getByLabel('Year', { exact: true }).fill('2026');
    await page.getByLabel('Reason', { exact: true }).fill('On holiday abroad');
    await page.getByLabel('The patient declined a reasonable offer of an appointment').check();
    await page.getByRole('button', { name: 'Record delay' }).click();
    await page.waitForURL(`**/referrals/${id}`);
    await audit.check();
    main = await page.locator('main').innerText();
    expect(main).toContain('Patient-initiated delay recorded');
    expect(main).toContain('On holiday abroad');
    expect((await referral(id)).delays).toEqual([
      expect.objectContaining({ startsOn: '2026-03-01', endsOn: '2026-03-20', reason: 'On holiday abroad', declinedOffer: true }),
    ]);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it('a clinician starts active monitoring (a reason is required), records a decision to treat, and discharges', async () => {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA);
    const id = await acceptedReferral(patientId, '2026-02-02');
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await page.goto(`/referrals/${id}`);
    await audit.check();
    expect(await page.getByRole('link', { name: 'Agree a care pathway' }).getAttribute('href')).toBe(`/referrals/${id}/pathway/new`);

    await page.getByText('Start active monitoring', { exact: true }).first().click();
    await page.getByRole('button', { name: 'Start active monitoring', exact: true }).click();
    await page.waitForLoadState('load');
    await audit.check();
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Enter reason');
    await expect(page.locator('#reason-error').isVisible()).resolves.toBe(true);
    expect((await referral(id)).clock.state).toBe('running');

    await page.locator('#reason').fill('Symptoms settling with self-management');
    await page.getByRole('button', { name: 'Start active monitoring', exact: true }).click();
    await page.waitForURL(`**/referrals/${id}`);
    await audit.check();
    expect(await page.locator('main').innerText()).toContain('Active monitoring started');
    expect((await referral(id)).clock).toMatchObject({ state: 'stopped', stopReason: 'active-monitoring' });

    await page.getByRole('button', { name: 'Record a decision to treat' }).click();
    await page.waitForURL(`**/referrals/${id}`);
    await audit.check();
    expect(await page.locator('main').innerText()).toContain('a new clock has started');
    expect((await referral(id)).clock).toMatchObject({ state: 'running', startedOn: '2026-03-02' });

    await page.getByText('Discharge', { exact: true }).first().click();
    await page.getByLabel('The patient declined treatment').check();
    await page.getByLabel('Reason for discharge').fill('Patient prefers to manage with their GP');
    await page.getByRole('button', { name: 'Discharge', exact: true }).click();
    await page.waitForURL(`**/referrals/${id}`);
    await audit.check();
    const main = await page.locator('main').innerText();
    expect(main).toContain('Referral discharged');
    expect(main).toContain('Patient prefers to manage with their GP');
    expect(await referral(id)).toMatchObject({
      status: 'discharged',
      statusReason: 'Patient prefers to manage with their GP',
      clock: { state: 'stopped', stopReason: 'patient-declined' },
    });
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it("another practice's GP, and a clinician of another service, get the page-not-found page", async () => {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA);
    const id = await acceptedReferral(patientId);
    const gp = await w.newPage();
    await signInAs(gp, world.gpB.email);
    const audit = new AccessibilityAudit(gp);
    expect((await gp.goto(`/referrals/${id}`))?.status()).toBe(404);
    await audit.check();
    await expect(gp.locator('h1').innerText()).resolves.toBe('Page not found');
    expect([403, 404]).toContain((await gp.goto(`/referrals/${id}/appointments/new`))?.status());
    await audit.check();
    const refused = await gp.request.post(`/referrals/${id}/delays/new`, { form: { reason: 'x' } });
    expect(refused.status()).toBe(403);

    const admin = await w.newPage();
    await signInAs(admin, world.admin.email);
    expect((await admin.goto(`/referrals/${id}/appointments/00000000-0000-4000-8000-000000000000/attendance`))?.status()).toBe(404);
    expect(audit.violations).toEqual([]);
    expect((await referral(id)).delays).toEqual([]);
  });
});
