import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { FixedClock } from '@carepath/common';
import {
  AccessibilityAudit,
  bearer,
  createPatient,
  createWorld,
  eventually,
  login,
  pdfText,
  signInAs,
  startWebTest,
  WebTest,
  World,
} from '@carepath/testing';

interface Letter {
  id: string;
  kind: string;
  status: string;
  version: number;
  acknowledgedAt: string | null;
}

describe('GP pages: refer, follow referrals, read and acknowledge letters', () => {
  let w: WebTest;
  let world: World;
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));
  const outbox = mkdtempSync(join(tmpdir(), 'carepath-gp-web-'));

  beforeAll(async () => {
    w = await startWebTest({ clock, env: { LETTERS_OUTBOX_DIR: outbox } });
    world = await createWorld(w.t.dataSource);
    for (const key of ['admin', 'clinician', 'gpA', 'gpB'] as const) tokens[key] = (await login(w.t.http, world[key].email)).accessToken;
    w.t.worker.start();
  });
  afterAll(async () => {
    await w.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const api = () => w.t.http;
  const nhsNumberOf = async (patientId: string): Promise<string> =>
    (await w.t.dataSource.query('SELECT nhs_number FROM patient WHERE id = $1', [patientId]))[0].nhs_number;

  async function referralsOf(patientId: string) {
    const res = await api().get('/api/v1/referrals').set(bearer(tokens.gpA)).expect(200);
    return (res.body.items as { patientId: string; reason: string; priority: string; redFlags: Record<string, boolean> }[]).filter(
      (r) => r.patientId === patientId,
    );
  }

  /** A referral whose acknowledgement letter is approved by the clinician and delivered to practice A's inbox. */
  async function deliveredLetter(patientId: string): Promise<Letter> {
    const referral = await api()
      .post('/api/v1/referrals')
      .set(bearer(tokens.admin))
      .send({ patientId, priority: 'routine', reason: 'Knee pain for a year' })
      .expect(201);
    await w.t.relay.relayAll();
    const draft: Letter = await eventually(async () => {
      const res = await api().get('/api/v1/letters').query({ referralId: referral.body.id }).set(bearer(tokens.clinician)).expect(200);
      return res.body.items[0];
    });
    await api().post(`/api/v1/letters/${draft.id}/approve`).set(bearer(tokens.clinician)).send({ version: draft.version }).expect(200);
    await w.t.relay.relayAll();
    return eventually(async () => {
      const letter = (await api().get(`/api/v1/letters/${draft.id}`).set(bearer(tokens.clinician)).expect(200)).body as Letter;
      return letter.status === 'delivered' ? letter : undefined;
    });
  }

  /** A GP's browser, signed in; axe checks every page from here on. */
  async function signedIn(email: string): Promise<{ page: Page; audit: AccessibilityAudit }> {
    const page = await w.newPage();
    await signInAs(page, email);
    return { page, audit: new AccessibilityAudit(page) };
  }

  const csrfOf = (page: Page) => page.locator('input[name="_csrf"]').first().inputValue();

  it('refers a patient registered at the practice, finding them by NHS number, and sees the referral with its wait', async () => {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA, { interpreterLanguage: 'Polish' });
    const { page, audit } = await signedIn(world.gpA.email);
    await page.getByRole('link', { name: 'Referrals' }).first().click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Your practice’s referrals');
    await audit.check();

    await page.getByRole('link', { name: 'Refer a patient' }).click();
    await page.getByLabel('What is the patient’s NHS number?').fill(await nhsNumberOf(patientId));
    await audit.check();
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(new URL(page.url()).pathname).toBe(`/gp/referrals/new/${patientId}`);
    // The patient's banner and communication needs, so the GP sees whom they refer.
    await expect(page.locator('.app-patient-banner').innerText()).resolves.toContain('PATIENT, Test');
    await expect(page.locator('.app-communication-needs').innerText()).resolves.toContain('Polish');
    await audit.check();

    await page.getByLabel('Urgent').check();
    await page.getByLabel('Reason for referral').fill('Chronic widespread pain for two years; <script>alert(1)</script>');
    await page.getByLabel('History of cancer').check();
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.waitForURL('**/gp/referrals');
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Referral sent for Test Patient');
    const row = page.locator('tbody tr', { hasText: 'PATIENT, Test' }).first();
    await expect(row.innerText()).resolves.toMatch(/Urgent[\s\S]*Received[\s\S]*0 days/);
    await audit.check();

    const [stored] = await referralsOf(patientId);
    expect(stored).toMatchObject({ priority: 'urgent', reason: 'Chronic widespread pain for two years; <script>alert(1)</script>' });
    expect(stored.redFlags).toMatchObject({ historyOfCancer: true, caudaEquinaSymptoms: false });

    // A referral received eight weeks and two days ago shows its wait in weeks.
    const waiting = await createPatient(w.t.dataSource, world.service, world.practiceA);
    await api()
      .post('/api/v1/referrals')
      .set(bearer(tokens.admin))
      .send({ patientId: waiting, priority: 'routine', reason: 'Back pain', receivedOn: '2026-01-03' })
      .expect(201);
    await page.reload();
    await expect(page.locator('tbody tr', { hasText: '3 January 2026' }).innerText()).resolves.toContain('8 weeks 2 days');
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it('shows NHS errors for a missing NHS number and a missing reason, keeps what was typed, and stores nothing', async () => {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA);
    const { page, audit } = await signedIn(world.gpA.email);
    await page.goto('/gp/referrals/new');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Enter the patient’s NHS number');
    await audit.check();
    await page.getByLabel('What is the patient’s NHS number?').fill('12345');
    await page.getByLabel('What is the patient’s NHS number?').press('Enter');
    await expect(page.locator('#nhsNumber-error').innerText()).resolves.toContain('Enter a valid NHS number');
    await expect(page.getByLabel('What is the patient’s NHS number?').inputValue()).resolves.toBe('12345');

    await page.goto(`/gp/referrals/new/${patientId}`);
    await audit.check();
    await page.getByLabel('Significant trauma').check();
    await page.getByLabel('e-RS reference (UBRN) (optional)').fill('not a reference!');
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Send referral' }).click();
    expect((await response).status()).toBe(400);
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Enter the reason for referral');
    await expect(page.locator('#reason-error').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Significant trauma').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('e-RS reference (UBRN) (optional)').inputValue()).resolves.toBe('not a reference!');
    expect(await page.title()).toMatch(/^Error: /);
    await audit.check();
    expect(await referralsOf(patientId)).toEqual([]);
    expect(audit.violations).toEqual([]);
  });

  it('lists the practice’s letters unacknowledged first, opens one as a PDF, and acknowledges it', async () => {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA);
    const older = await deliveredLetter(patientId);
    await api().post(`/api/v1/letters/${older.id}/acknowledge`).set(bearer(tokens.gpA)).send({ version: older.version }).expect(200);
    const letter = await deliveredLetter(patientId);

    const { page, audit } = await signedIn(world.gpA.email);
    await page.getByRole('link', { name: 'Letters' }).first().click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Letters from the pain service');
    await audit.check();
    const rows = page.locator('tbody tr');
    await expect(rows.first().innerText()).resolves.toContain('New');
    await expect(rows.last().innerText()).resolves.toContain('Acknowledged');

    const href = await rows.first().getByRole('link').getAttribute('href');
    expect(href).toBe(`/gp/letters/${letter.id}/pdf`);
    const pdf = await page.request.get(href as string);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['cache-control']).toBe('no-store');
    const { pages } = await pdfText(await pdf.body());
    expect(pages.join(' ')).toContain('Referral received');
    expect(pages.join(' ')).toContain('Test Patient');

    await rows.first().getByRole('button', { name: 'Acknowledge letter about Test Patient' }).click();
    await page.waitForURL('**/gp/letters');
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Letter about Test Patient acknowledged');
    await expect(page.getByRole('button', { name: /Acknowledge/ }).count()).resolves.toBe(0);
    await audit.check();
    const stored = (await api().get(`/api/v1/letters/${letter.id}`).set(bearer(tokens.gpA)).expect(200)).body as Letter;
    expect(stored.status).toBe('acknowledged');
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it('a GP of another practice cannot open or acknowledge the letter, nor refer the patient; a GP cannot open clinic pages', async () => {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA);
    const letter = await deliveredLetter(patientId);
    const { page, audit } = await signedIn(world.gpB.email);
    await page.goto('/gp/letters');
    await expect(page.locator('main').innerText()).resolves.toContain('No letters have been delivered to your practice yet');
    await audit.check();

    const pdf = await page.request.get(`/gp/letters/${letter.id}/pdf`);
    expect(pdf.status()).toBe(404);
    expect(await pdf.text()).toContain('Page not found');
    const acknowledge = await page.request.post(`/gp/letters/${letter.id}/acknowledge`, {
      form: { _csrf: await csrfOf(page), version: String(letter.version) },
    });
    expect(acknowledge.status()).toBe(404);

    const refer = await page.goto(`/gp/referrals/new/${patientId}`);
    expect(refer?.status()).toBe(404);
    await audit.check();
    const post = await page.request.post(`/gp/referrals/new/${patientId}`, {
      form: { _csrf: await csrfOf(page), priority: 'routine', reason: 'Not my patient' },
    });
    expect(post.status()).toBe(404);
    await page.goto('/gp/referrals/new');
    await page.getByLabel('What is the patient’s NHS number?').fill(await nhsNumberOf(patientId));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('#nhsNumber-error').innerText()).resolves.toContain('No patient registered at your practice');
    await audit.check();
    expect(await referralsOf(patientId)).toHaveLength(1);

    for (const path of ['/letters/failed', `/letters/${letter.id}`]) {
      const res = await page.goto(path);
      expect(`${path} ${res?.status()}`).toMatch(new RegExp(`^${path} (403|404)$`));
      await audit.check();
    }
    await expect(page.locator('header').innerText()).resolves.not.toContain('Triage');
    expect((await api().get(`/api/v1/letters/${letter.id}`).set(bearer(tokens.gpA)).expect(200)).body.status).toBe('delivered');
    expect(audit.violations).toEqual([]);
  });
});
