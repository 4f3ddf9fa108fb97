import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Actor } from '@carepath/auth';
import { FixedClock } from '@carepath/common';
import { DirectoryService, importOnspd } from '@carepath/directory';
import { HandoffsService } from '@carepath/handoffs';
import { ConsentsService, PatientsService } from '@carepath/patients';
import {
  AccessibilityAudit,
  actorOf,
  createOrganisation,
  createPatient,
  createUser,
  createWorld,
  signInAs,
  startWebTest,
  TestUser,
  WebTest,
  World,
} from '@carepath/testing';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'onspd-sample.csv');

describe('community handoffs in the browser', () => {
  let w: WebTest;
  let world: World;
  let otherSp: TestUser;
  let clinician: Actor;
  let walkId: string;
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));

  /** A patient with an interpreter, a phone number and an email, as the setup for the handoff a clinician made. */
  async function patientWithHandoff(reason: string, givenName = 'Test') {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA, { interpreterLanguage: 'Farsi' });
    await w.t.dataSource.query(`UPDATE patient SET phone = '07700 900456', email = 'pat@example.test', given_name = $2 WHERE id = $1`, [
      patientId,
      givenName,
    ]);
    const consent = await w.t.app.get(ConsentsService).give(clinician, patientId, { organisationId: world.vcs, purpose: 'Walking group' });
    const handoff = await w.t.app.get(HandoffsService).create(clinician, { patientId, serviceId: walkId, consentId: consent.id, reason });
    const patient = await w.t.app.get(PatientsService).get(clinician, patientId);
    return { patient, handoff };
  }

  async function dialogsOn(page: Page) {
    const seen: string[] = [];
    page.on('dialog', (d) => {
      seen.push(d.message());
      void d.dismiss();
    });
    return seen;
  }

  beforeAll(async () => {
    w = await startWebTest({ clock });
    world = await createWorld(w.t.dataSource);
    otherSp = await createUser(w.t.dataSource, await createOrganisation(w.t.dataSource, 'vcs'), 'social_prescriber');
    await importOnspd(w.t.database.url, FIXTURE);
    clinician = await actorOf(w.t.app, world.clinician);
    const sp = await actorOf(w.t.app, world.sp);
    const directory = w.t.app.get(DirectoryService);
    walkId = (
      await directory.create(sp, {
        name: 'Park Walk',
        description: 'Gentle walks round Woodhouse Moor',
        categories: ['physical-activity'],
        address: 'Woodhouse Moor, Leeds',
        postcode: 'LS6 2BQ',
        capacityStatus: 'open',
        schedule: { text: 'Tuesdays 10am', days: ['tue'] },
      })
    ).id;
    await directory.create(sp, {
      name: 'Chapeltown Choir',
      description: 'Singing for breath',
      categories: ['social-connection'],
      address: 'Chapeltown, Leeds',
      postcode: 'LS7 3HB',
      capacityStatus: 'waitlist',
    });
  });
  afterAll(() => w.close());

  it('a clinician searches near the patient, records consent, hands them on and follows the status', async () => {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA);
    const page = await w.newPage();
    const dialogs = await dialogsOn(page);
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await audit.check();
    await page.goto(`/patients/${patientId}/handoffs`);
    await audit.check();
    await expect(page.locator('.app-patient-banner').innerText()).resolves.toContain('PATIENT, Test');
    await expect(page.locator('main').innerText()).resolves.toContain('No handoffs yet');

    await page.getByRole('link', { name: 'Find a community service' }).click();
    await page.waitForURL(`**/patients/${patientId}/handoffs/new`);
    await audit.check();
    await page.getByLabel('Distance in miles').fill('3');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/distance=3/);
    expect(page.url()).not.toMatch(/postcode|LS1/i);
    await audit.check();
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toContain('Chapeltown Choir');
    expect(rows[1]).toContain('Park Walk');
    expect(rows[1]).toMatch(/\d(\.\d)? miles?/);

    await page.getByRole('link', { name: 'Park Walk' }).click();
    await page.waitForURL(`**/patients/${patientId}/handoffs/new/${walkId}`);
    await audit.check();
    await expect(page.locator('.app-patient-banner').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Record consent' }).click();
    await page.waitForLoadState('load');
    await audit.check();
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Confirm the patient has agreed');
    expect((await w.t.app.get(ConsentsService).list(clinician, patientId)).items).toEqual([]);

    await page.getByLabel(/The patient has agreed/).check();
    await page.getByRole('button', { name: 'Record consent' }).click();
    await page.waitForURL(`**/patients/${patientId}/handoffs/new/${walkId}`);
    await audit.check();
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Consent to share with');
    const [consent] = (await w.t.app.get(ConsentsService).list(clinician, patientId)).items;
    expect(consent).toMatchObject({ organisationId: world.vcs, purpose: 'Community handoff to Park Walk', active: true });

    await page.getByRole('button', { name: 'Send handoff' }).click();
    await page.waitForLoadState('load');
    await audit.check();
    await expect(page.locator('#reason-error').innerText()).resolves.toContain('Enter why you are handing the patient on');
    await page.getByLabel('Why are you handing the patient on?').fill('Finished physiotherapy; <b>wants</b> to keep walking');
    await page.getByRole('button', { name: 'Send handoff' }).click();
    await page.waitForURL(/\/handoffs\/[0-9a-f-]{36}$/);
    await audit.check();
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Handoff sent to');
    await expect(page.locator('main').innerText()).resolves.toContain('Finished physiotherapy; <b>wants</b> to keep walking');
    await expect(page.locator('.app-patient-banner').innerText()).resolves.toContain('PATIENT, Test');

    const [stored] = await w.t.app.get(HandoffsService).forPatient(clinician, patientId);
    expect(stored).toMatchObject({ status: 'requested', consentId: consent.id, service: { id: walkId } });

    await page.getByRole('link', { name: "Test Patient's handoffs" }).click();
    await page.waitForURL(`**/patients/${patientId}/handoffs`);
    await audit.check();
    await expect(page.getByRole('table', { name: 'Handoffs' }).innerText()).resolves.toMatch(/Park Walk[\s\S]*Requested/);
    await expect(page.locator('main').innerText()).resolves.toContain('Community handoff to Park Walk');

    expect(dialogs).toEqual([]);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  }, 120_000); // one whole journey of eight pages, each checked by axe: slow on a shared machine

  it('a social prescriber filters the inbox by status, and rejects a handoff with a reason (after forgetting it)', async () => {
    await patientWithHandoff('Wants company on walks', 'Amira');
    const second = await patientWithHandoff('Lonely since retiring');
    const page = await w.newPage();
    await signInAs(page, world.sp.email);
    const audit = new AccessibilityAudit(page);
    await audit.check();
    const nhsNumberShown = async () => {
      const html = await page.content();
      return [second.patient.nhsNumber, second.patient.nhsNumberFormatted].some((n) => html.includes(n));
    };

    await page.getByRole('link', { name: 'Handoffs' }).first().click();
    await page.waitForURL('**/handoffs');
    await audit.check();
    await page.getByRole('link', { name: 'Requested' }).click();
    await page.waitForURL('**/handoffs?status=requested');
    await audit.check();
    expect(await nhsNumberShown()).toBe(false);
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);

    // Reject the second, after forgetting the reason.
    await page.goto(`/handoffs/${second.handoff.id}`);
    await audit.check();
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.waitForLoadState('load');
    await audit.check();
    await expect(page.locator('#reason-error').innerText()).resolves.toContain('Enter why you cannot take this handoff');
    expect((await w.t.app.get(HandoffsService).get(clinician, second.handoff.id)).status).toBe('requested');
    await page.getByLabel('Reason').fill('At capacity until May');
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.waitForURL(`**/handoffs/${second.handoff.id}`);
    await audit.check();
    await expect(page.locator('main').innerText()).resolves.toContain('At capacity until May');
    expect(await w.t.app.get(HandoffsService).get(clinician, second.handoff.id)).toMatchObject({
      status: 'rejected',
      statusReason: 'At capacity until May',
    });
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it('a social prescriber opens a handoff with only the minimum (never an NHS number), accepts, starts and completes it', async () => {
    const { patient, handoff } = await patientWithHandoff('Wants company on walks', 'Bola');
    const page = await w.newPage();
    await signInAs(page, world.sp.email);
    const audit = new AccessibilityAudit(page);
    await audit.check();
    const nhsNumberShown = async () => {
      const html = await page.content();
      return [patient.nhsNumber, patient.nhsNumberFormatted].some((n) => html.includes(n));
    };

    await page.goto('/handoffs?status=requested');
    await audit.check();
    await page.getByRole('link', { name: 'Bola Patient' }).click();
    await page.waitForURL(`**/handoffs/${handoff.id}`);
    await audit.check();
    const main = await page.locator('main').innerText();
    expect(main).toContain('Bola Patient');
    expect(main).toContain('07700 900456');
    expect(main).toContain('pat@example.test');
    expect(main).toContain('Interpreter needed: Farsi');
    expect(main).toContain('Wants company on walks');
    expect(main).not.toMatch(/NHS number|Born/);
    expect(await nhsNumberShown()).toBe(false);
    expect(await page.locator('.app-patient-banner').count()).toBe(0);

    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL(`**/handoffs/${handoff.id}`);
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Handoff accepted');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL(`**/handoffs/${handoff.id}`);
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.waitForLoadState('load');
    await audit.check();
    await expect(page.locator('#outcome-error').innerText()).resolves.toContain('Select whether the person engaged');
    await page.getByLabel('Engaged', { exact: true }).check();
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.waitForURL(`**/handoffs/${handoff.id}`);
    await audit.check();
    await expect(page.locator('main').innerText()).resolves.toContain('Completed');
    expect(await nhsNumberShown()).toBe(false);
    const done = await w.t.app.get(HandoffsService).get(clinician, handoff.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'engaged' });
    expect(done.history.map((h) => h.to)).toEqual(['requested', 'accepted', 'in-progress', 'completed']);

    await page.getByRole('link', { name: 'Handoffs' }).last().click();
    await page.waitForURL('**/handoffs');
    await page.getByRole('link', { name: 'Completed' }).click();
    await page.waitForURL('**/handoffs?status=completed');
    await audit.check();
    await expect(page.locator('tbody').innerText()).resolves.toContain('Bola Patient');
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it('the clinician cancels a handoff with a reason, which the page then shows', async () => {
    const { handoff } = await patientWithHandoff('Wants to try Tai Chi');
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await audit.check();
    await page.goto(`/handoffs/${handoff.id}`);
    await audit.check();
    await expect(page.locator('.app-patient-banner').count()).resolves.toBe(1);
    expect(await page.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Cancel handoff' }).click();
    await page.waitForLoadState('load');
    await audit.check();
    await expect(page.locator('#reason-error').innerText()).resolves.toContain('Enter why the handoff is cancelled');
    await page.getByLabel('Reason').fill('Patient moved away');
    await page.getByRole('button', { name: 'Cancel handoff' }).click();
    await page.waitForURL(`**/handoffs/${handoff.id}`);
    await audit.check();
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Handoff cancelled');
    expect(await page.getByRole('button', { name: 'Cancel handoff' }).count()).toBe(0);
    expect(await w.t.app.get(HandoffsService).get(clinician, handoff.id)).toMatchObject({
      status: 'cancelled',
      statusReason: 'Patient moved away',
    });
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it("another organisation's social prescriber gets 404 on a handoff not theirs, and a GP may not open handoffs", async () => {
    const { patient, handoff } = await patientWithHandoff('Peer support');
    const page = await w.newPage();
    await signInAs(page, otherSp.email);
    const audit = new AccessibilityAudit(page);
    await audit.check();
    const response = await page.goto(`/handoffs/${handoff.id}`);
    expect(response?.status()).toBe(404);
    await audit.check();
    await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
    await page.goto('/handoffs');
    await audit.check();
    const csrf = await page.locator('input[name="_csrf"]').first().getAttribute('value');
    const post = await page.request.post(`/handoffs/${handoff.id}/status`, {
      form: { _csrf: csrf ?? '', status: 'accepted', version: '1' },
    });
    expect(post.status()).toBe(404);
    expect((await w.t.app.get(HandoffsService).get(clinician, handoff.id)).status).toBe('requested');
    expect((await page.goto(`/patients/${patient.id}/handoffs`))?.status()).toBe(404);
    await audit.check();

    const gp = await w.newPage();
    await signInAs(gp, world.gpA.email);
    const gpAudit = new AccessibilityAudit(gp);
    await gpAudit.check();
    expect((await gp.goto('/handoffs'))?.status()).toBe(403);
    await gpAudit.check();
    expect(audit.violations).toEqual([]);
    expect(gpAudit.violations).toEqual([]);
  });
});
