import { join } from 'node:path';
import { tmpdir } from 'node:os';
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
  status: string;
  version: number;
  approvedByUserId: string | null;
  failureReason: string | null;
  content: Record<string, string>;
  history: { from: string | null; to: string; reason: string | null; actorUserId: string | null }[];
}

describe('letters pages: clinicians write and approve drafts, admins resend failed letters and see overdue ones', () => {
  let w: WebTest;
  let world: World;
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));

  beforeAll(async () => {
    // A MESH folder that is not there: every delivery fails at once, so approved letters end up failed.
    const missing = join(tmpdir(), `carepath-no-outbox-${process.pid}`);
    w = await startWebTest({ clock, env: { LETTERS_OUTBOX_DIR: missing, LETTERS_DELIVERY_ATTEMPTS: '1' } });
    world = await createWorld(w.t.dataSource);
    for (const key of ['admin', 'clinician'] as const) tokens[key] = (await login(w.t.http, world[key].email)).accessToken;
    await w.t.http
      .put('/api/v1/letters/letterhead')
      .set(bearer(tokens.admin))
      .send({ address: ['Riverside Clinic', '1 Park Square', 'Leeds', 'LS1 2AB'], telephone: '0113 496 0000' })
      .expect(200);
  });
  afterAll(() => w.close());

  const api = () => w.t.http;
  const getLetter = async (id: string): Promise<Letter> =>
    (await api().get(`/api/v1/letters/${id}`).set(bearer(tokens.clinician)).expect(200)).body;

  async function referral(receivedOn = '2026-02-01'): Promise<string> {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA, { communicationFormat: 'large-print' });
    const res = await api()
      .post('/api/v1/referrals')
      .set(bearer(tokens.admin))
      .send({ patientId, priority: 'routine', reason: 'Chronic neck pain', receivedOn })
      .expect(201);
    return res.body.id;
  }

  async function draft(): Promise<Letter> {
    const referralId = await referral();
    return (await api().post('/api/v1/letters').set(bearer(tokens.clinician)).send({ kind: 'post-assessment', referralId }).expect(201))
      .body;
  }

  async function signedIn(email: string): Promise<{ page: Page; audit: AccessibilityAudit; dialogs: string[] }> {
    const page = await w.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signInAs(page, email);
    return { page, audit: new AccessibilityAudit(page), dialogs };
  }

  it('a clinician writes a draft under its headings, previews the PDF, checks it and approves it', async () => {
    const letter = await draft();
    const { page, audit, dialogs } = await signedIn(world.clinician.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Letters' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Letters to write and approve');
    await audit.check();

    await page.getByRole('link', { name: 'Assessment and agreed care plan letter about Test Patient' }).click();
    expect(new URL(page.url()).pathname).toBe(`/letters/${letter.id}`);
    await expect(page.locator('.app-patient-banner').innerText()).resolves.toContain('PATIENT, Test');
    await expect(page.locator('.app-communication-needs').innerText()).resolves.toContain('Large print');
    await audit.check();

    const summary = 'Pain for 2 years. <script>alert(1)</script> PSEQ 22.';
    await page.getByLabel('Clinical summary').fill(summary);
    await page.getByLabel('Diagnoses and problems').fill('Chronic primary pain (MG30.01)');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Draft saved');
    await expect(page.getByLabel('Clinical summary').inputValue()).resolves.toBe(summary);
    await audit.check();
    expect((await getLetter(letter.id)).content).toMatchObject({ clinicalSummary: summary, diagnoses: 'Chronic primary pain (MG30.01)' });

    const preview = await page.request.get(`/letters/${letter.id}/preview`);
    expect(preview.status()).toBe(200);
    expect(preview.headers()['content-type']).toBe('application/pdf');
    expect(preview.headers()['cache-control']).toBe('no-store');
    const text = (await pdfText(await preview.body())).pages.join(' ');
    expect(text).toContain('Assessment and agreed care plan');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('Test clinician, psychologist');
    expect(text).toContain('DRAFT – NOT SENT');
    expect((await getLetter(letter.id)).status).toBe('draft');

    await page.getByRole('button', { name: 'Save and check' }).click();
    await page.waitForURL(`**/letters/${letter.id}/approve`);
    await expect(page.locator('main').innerText()).resolves.toContain(summary);
    await audit.check();
    await page.getByRole('button', { name: 'Approve and send' }).click();
    await page.waitForURL('**/letters');
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('approved and queued for the GP practice');
    await audit.check();
    const approved = await getLetter(letter.id);
    expect(approved).toMatchObject({ status: 'queued', approvedByUserId: world.clinician.id });
    expect(dialogs).toEqual([]);

    // Approved, the letter cannot be edited from its old address.
    await page.goto(`/letters/${letter.id}`);
    expect(new URL(page.url()).pathname).toBe('/letters');
    await audit.check();
    const malformed = await page.goto('/letters/not-a-letter');
    expect(malformed?.status()).toBe(404);
    await audit.check();
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it('a stale edit shows an NHS error and keeps the text typed; a heading over its limit is refused; nothing is stored', async () => {
    const letter = await draft();
    const { page, audit } = await signedIn(world.clinician.email);
    await page.goto(`/letters/${letter.id}`);
    await audit.check();
    // A colleague saves the draft meanwhile.
    await api()
      .patch(`/api/v1/letters/${letter.id}`)
      .set(bearer(tokens.clinician))
      .send({ content: { clinicalSummary: 'Colleague’s summary' }, version: letter.version })
      .expect(200);

    await page.getByLabel('Clinical summary').fill('My summary, typed before I knew');
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect((await response).status()).toBe(400);
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Someone else saved this letter after you opened it');
    await expect(page.getByLabel('Clinical summary').inputValue()).resolves.toBe('My summary, typed before I knew');
    await audit.check();
    expect((await getLetter(letter.id)).content.clinicalSummary).toBe('Colleague’s summary');

    await page.goto(`/letters/${letter.id}`);
    await page.getByLabel('Diagnoses and problems').fill('x'.repeat(2001));
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.locator('#diagnoses-error').innerText()).resolves.toContain(
      'Diagnoses and problems must be 2000 characters or fewer',
    );
    await expect(page.getByLabel('Diagnoses and problems').inputValue()).resolves.toHaveLength(2001);
    expect(await page.title()).toMatch(/^Error: /);
    await audit.check();
    expect((await getLetter(letter.id)).content.diagnoses).not.toContain('xxx');
    expect(audit.violations).toEqual([]);
  });

  it('an admin sees failed letters with the reason and resends one, and sees the letters overdue; the drafts are not theirs', async () => {
    // A letter approved and failed (the MESH folder is missing), and an assessment attended 20 days ago with no letter.
    const failing = await draft();
    await api().post(`/api/v1/letters/${failing.id}/approve`).set(bearer(tokens.clinician)).send({ version: failing.version }).expect(200);
    const referralId = await referral('2026-01-05');
    await api()
      .post(`/api/v1/referrals/${referralId}/triage`)
      .set(bearer(tokens.clinician))
      .send({ outcome: 'accept', modalities: ['physiotherapy'], version: 1 })
      .expect(200);
    const booked = await api()
      .post(`/api/v1/referrals/${referralId}/appointments`)
      .set(bearer(tokens.admin))
      .send({ kind: 'assessment', startsAt: '2026-02-10T10:00:00Z' })
      .expect(201);
    await api()
      .post(`/api/v1/appointments/${booked.body.id}/attendance`)
      .set(bearer(tokens.clinician))
      .send({ outcome: 'attended', version: 1 })
      .expect(200);
    w.t.worker.start();
    await w.t.relay.relayAll();
    const failed = await eventually(async () => {
      const letter = await getLetter(failing.id);
      return letter.status === 'failed' ? letter : undefined;
    });

    const { page, audit } = await signedIn(world.admin.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Letters' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Letters that could not be delivered');
    const row = page.locator('tbody tr', { has: page.locator(`form[action="/letters/${failing.id}/resend"]`) });
    await expect(row.innerText()).resolves.toContain('The letters outbox folder is not available');
    await audit.check();
    await row.getByRole('button', { name: 'Resend letter about Test Patient' }).click();
    await page.waitForURL('**/letters/failed');
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('queued to be sent again');
    await audit.check();
    const resent = await getLetter(failed.id);
    expect(resent.history.find((h) => h.reason === 'resent')).toMatchObject({ from: 'failed', to: 'queued', actorUserId: world.admin.id });

    await page.getByRole('link', { name: 'Letters overdue' }).click();
    const overdue = page.locator('tbody tr', { hasText: 'Assessment attended on 10 February 2026' });
    await expect(overdue.innerText()).resolves.toMatch(/Test Patient[\s\S]*20 February 2026[\s\S]*10 days/);
    await audit.check();

    for (const path of ['/letters', `/letters/${failing.id}`, `/letters/${failing.id}/preview`]) {
      const res = await page.goto(path);
      expect(`${path} ${res?.status()}`).toBe(`${path} 403`);
      await audit.check();
    }
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });
});
