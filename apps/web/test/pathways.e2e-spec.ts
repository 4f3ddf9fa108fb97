import type { Page, Response } from 'playwright-core';
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

describe('care pathway pages', () => {
  let w: WebTest;
  let world: World;
  let physio: TestUser;
  let otherServiceClinician: TestUser;
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));

  /** A referral accepted at triage for physiotherapy and psychology, as the API does it. */
  async function acceptedReferral(): Promise<{ patientId: string; referralId: string }> {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA, { interpreterLanguage: 'Polish' });
    const created = await w.t.http
      .post('/api/v1/referrals')
      .set(bearer(tokens.admin))
      .send({ patientId, priority: 'routine', reason: 'Back pain', receivedOn: '2026-01-05' })
      .expect(201);
    await w.t.http
      .post(`/api/v1/referrals/${created.body.id}/triage`)
      .set(bearer(tokens.clinician))
      .send({ outcome: 'accept', modalities: ['physiotherapy', 'psychology'], version: 1 })
      .expect(200);
    return { patientId, referralId: created.body.id as string };
  }

  async function agreedPathway(): Promise<string> {
    const { referralId } = await acceptedReferral();
    const res = await w.t.http
      .post(`/api/v1/referrals/${referralId}/pathway`)
      .set(bearer(tokens.clinician))
      .send({
        goals: ['Walk the dog every day'],
        activities: [
          { modality: 'physiotherapy', plannedSessions: 6, leadClinicianId: physio.id },
          { modality: 'psychology', plannedSessions: 8, leadClinicianId: world.clinician.id },
        ],
      })
      .expect(201);
    return res.body.id as string;
  }

  /** What was stored, as the API answers it. */
  const pathwayOf = async (id: string) => (await w.t.http.get(`/api/v1/pathways/${id}`).set(bearer(tokens.clinician)).expect(200)).body;

  /** Submits with a click and gives the form post's response (its status is what the test checks). */
  async function submit(page: Page, button: string): Promise<Response> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
      page.getByRole('button', { name: button }).click(),
    ]);
    await page.waitForLoadState('load');
    return response;
  }

  beforeAll(async () => {
    w = await startWebTest({ clock });
    world = await createWorld(w.t.dataSource);
    physio = await createUser(w.t.dataSource, world.service, 'clinician', 'physiotherapist');
    const otherService = await createOrganisation(w.t.dataSource, 'pain-service');
    otherServiceClinician = await createUser(w.t.dataSource, otherService, 'clinician');
    for (const key of ['admin', 'clinician'] as const) tokens[key] = (await login(w.t.http, world[key].email)).accessToken;
  });
  afterAll(() => w.close());

  it('agrees a care pathway: goals in the patient’s words, two activities with planned sessions and lead clinicians', async () => {
    const { referralId } = await acceptedReferral();
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await page.goto(`/referrals/${referralId}/pathway/new`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Agree a care pathway');
    await expect(page.locator('.app-communication-needs').innerText()).resolves.toContain('Polish');
    await audit.check();

    await page.getByLabel('Goal 1').fill('Walk to the shops without stopping');
    await page.getByLabel('Goal 2').fill('Sleep through the night');
    const first = page.getByRole('group', { name: 'Activity 1' });
    await expect(first.getByLabel('Modality').inputValue()).resolves.toBe('physiotherapy');
    await first.getByLabel('Planned sessions').fill('6');
    await first.getByLabel('Lead clinician').selectOption({ label: 'Test clinician (Physiotherapist)' });
    const second = page.getByRole('group', { name: 'Activity 2' });
    await expect(second.getByLabel('Modality').inputValue()).resolves.toBe('psychology');
    await second.getByLabel('Planned sessions').fill('8');
    const response = await submit(page, 'Agree pathway');
    expect(response.status()).toBe(303);

    expect(new URL(page.url()).pathname).toMatch(/^\/pathways\/[0-9a-f-]{36}$/);
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Care pathway agreed');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Walk to the shops without stopping');
    expect(main).toContain('Physiotherapy');
    await audit.check();

    const stored = await pathwayOf(new URL(page.url()).pathname.split('/')[2]);
    expect(stored).toMatchObject({
      referralId,
      status: 'active',
      goals: ['Walk to the shops without stopping', 'Sleep through the night'],
    });
    expect(
      stored.activities.map((a: { modality: string; plannedSessions: number; leadClinicianId: string }) => [
        a.modality,
        a.plannedSessions,
        a.leadClinicianId,
      ]),
    ).toEqual([
      ['physiotherapy', 6, physio.id],
      ['psychology', 8, world.clinician.id],
    ]);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it('re-displays the agree form with NHS errors when no activity is given, keeping what was typed, and stores nothing', async () => {
    const { referralId } = await acceptedReferral();
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await page.goto(`/referrals/${referralId}/pathway/new`);
    await audit.check();
    await page.getByLabel('Goal 1').fill('Get back to gardening');
    const response = await submit(page, 'Agree pathway');
    expect(response.status()).toBe(400);
    expect(await page.title()).toMatch(/^Error: /);
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Add at least one activity');
    await expect(page.locator('#plannedSessions-1-error').innerText()).resolves.toContain('Add at least one activity');
    await expect(page.getByLabel('Goal 1').inputValue()).resolves.toBe('Get back to gardening');
    await audit.check();

    await page.getByRole('group', { name: 'Activity 2' }).getByLabel('Planned sessions').fill('lots');
    expect((await submit(page, 'Agree pathway')).status()).toBe(400);
    await expect(page.locator('#plannedSessions-2-error').innerText()).resolves.toContain(
      'Activity 2: Planned sessions must be a whole number, like 6',
    );
    await expect(page.getByRole('group', { name: 'Activity 2' }).getByLabel('Planned sessions').inputValue()).resolves.toBe('lots');
    await audit.check();
    const [row] = await w.t.dataSource.query('SELECT count(*)::int AS n FROM care_pathway WHERE referral_id = $1', [referralId]);
    expect(row.n).toBe(0);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it('changes the pathway status with a reason, and adds an activity, both kept in the history', async () => {
    const id = await agreedPathway();
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await page.goto(`/pathways/${id}`);
    await expect(page.locator('.app-patient-banner').innerText()).resolves.toContain('NHS number');
    await expect(page.locator('main').innerText()).resolves.toContain('Lead clinician: Test clinician');
    await audit.check();

    await page.getByRole('link', { name: 'Change the pathway status' }).click();
    await audit.check();
    await page.getByLabel('On hold').check();
    await page.getByLabel('Reason').fill('Patient in hospital for two weeks');
    expect((await submit(page, 'Change status')).status()).toBe(303);
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Pathway status changed to on hold');
    await expect(page.locator('main').innerText()).resolves.toContain('Patient in hospital for two weeks');
    await audit.check();

    await page.getByRole('link', { name: 'Add an activity' }).click();
    await audit.check();
    await page.getByLabel('Modality').selectOption('tai-chi');
    await page.getByLabel('Planned sessions').fill('10');
    await page.getByLabel('Why is it added?').fill('Wants a group activity');
    expect((await submit(page, 'Add activity')).status()).toBe(303);
    await expect(page.locator('main').innerText()).resolves.toContain('Activity added: Tai chi, 10 sessions planned');
    await audit.check();

    const stored = await pathwayOf(id);
    expect(stored.status).toBe('on-hold');
    expect(stored.activities.map((a: { modality: string }) => a.modality)).toEqual(['physiotherapy', 'psychology', 'tai-chi']);
    expect(stored.history.filter((h: { kind: string }) => h.kind === 'status').map((h: { reason: string }) => h.reason)).toEqual([
      'Patient in hospital for two weeks',
    ]);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it('books a session and records attendance with a note, which shows as text', async () => {
    const id = await agreedPathway();
    const page = await w.newPage();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await page.goto(`/pathways/${id}`);
    await audit.check();
    await page.getByRole('link', { name: 'Book a physiotherapy session' }).click();
    await audit.check();
    await page.getByLabel('Day').fill('16');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Time').fill('14:30');
    await page.getByLabel('Location (optional)').fill('Riverside Clinic');
    expect((await submit(page, 'Book session')).status()).toBe(303);
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Physiotherapy session booked');
    await expect(page.locator('main').innerText()).resolves.toContain('16 March 2026 at 2:30pm');
    await audit.check();

    await page.getByRole('link', { name: /Record attendance/ }).click();
    await audit.check();
    expect((await submit(page, 'Save attendance')).status()).toBe(400);
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Select whether the patient attended');
    await audit.check();
    await page.getByLabel('Attended', { exact: true }).check();
    await page.getByLabel('Note (optional)').fill('<script>alert(1)</script> Walked 200 m');
    expect((await submit(page, 'Save attendance')).status()).toBe(303);
    await expect(page.locator('td.app-multiline').innerText()).resolves.toBe('<script>alert(1)</script> Walked 200 m');
    expect(dialogs).toBe(0);
    const counters = page.locator('section.nhsuk-card', { hasText: 'Physiotherapy' }).locator('table').first();
    await expect(counters.innerText()).resolves.toMatch(/6\s+0\s+1\s+0\s+0\s+5/);
    await audit.check();

    const stored = await pathwayOf(id);
    expect(stored.activities[0].sessions).toEqual([
      expect.objectContaining({
        startsAt: '2026-03-16T14:30:00.000Z',
        location: 'Riverside Clinic',
        outcome: 'attended',
        note: '<script>alert(1)</script> Walked 200 m',
      }),
    ]);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it("shows the 404 page to another pain service's clinician, and to a GP, for this service's pathway", async () => {
    const id = await agreedPathway();
    for (const user of [otherServiceClinician, world.gpA]) {
      const page = await w.newPage();
      await signInAs(page, user.email);
      const response = await page.goto(`/pathways/${id}`);
      expect([403, 404]).toContain(response?.status());
      await expect(page.locator('main').innerText()).resolves.not.toContain('Walk the dog');
    }
    const page = await w.newPage();
    await signInAs(page, otherServiceClinician.email);
    const audit = new AccessibilityAudit(page);
    const response = await page.goto(`/pathways/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
    await audit.check();
    expect((await page.goto(`/pathways/${id}/outcomes`))?.status()).toBe(404);
    await audit.check();
    expect((await page.goto('/pathways/not-a-uuid'))?.status()).toBe(404);
    await audit.check();
    expect(audit.violations).toEqual([]);
  });

  // Agreeing a pathway by keyboard alone is the end of the keyboard-only journey in triage.e2e-spec.ts.
});
