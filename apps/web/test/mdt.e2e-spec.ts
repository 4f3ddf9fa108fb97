import type { Page } from 'playwright-core';
import { FixedClock } from '@carepath/common';
import type { MeetingPage, MeetingResponse } from '@carepath/mdt';
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

describe('MDT pages for clinicians', () => {
  let w: WebTest;
  let world: World;
  let outsider: TestUser;
  const clock = new FixedClock(new Date('2026-01-05T10:00:00Z'));
  const pathways: Record<'overdue' | 'recent', string> = { overdue: '', recent: '' };

  async function pathway(token: string, name: [string, string], interpreterLanguage: string | null): Promise<string> {
    const http = w.t.http;
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA, { interpreterLanguage });
    await w.t.dataSource.query('UPDATE patient SET given_name = $2, family_name = $3 WHERE id = $1', [patientId, ...name]);
    const referral = await http
      .post('/api/v1/referrals')
      .set(bearer((await login(http, world.admin.email)).accessToken))
      .send({ patientId, priority: 'routine', reason: 'Back pain', receivedOn: '2025-12-01' })
      .expect(201);
    await http
      .post(`/api/v1/referrals/${referral.body.id}/triage`)
      .set(bearer(token))
      .send({ outcome: 'accept', modalities: ['psychology'], version: 1 })
      .expect(200);
    const created = await http
      .post(`/api/v1/referrals/${referral.body.id}/pathway`)
      .set(bearer(token))
      .send({
        goals: ['Walk to the shops'],
        activities: [{ modality: 'psychology', plannedSessions: 8, leadClinicianId: world.clinician.id }],
      })
      .expect(201);
    return created.body.id as string;
  }

  async function score(token: string, pathwayId: string, timepoint: string, answers: number[]): Promise<void> {
    await w.t.http
      .post(`/api/v1/pathways/${pathwayId}/outcomes`)
      .set(bearer(token))
      .send({ measure: 'PHQ9', timepoint, answers })
      .expect(201);
  }

  beforeAll(async () => {
    w = await startWebTest({ clock });
    world = await createWorld(w.t.dataSource);
    outsider = await createUser(w.t.dataSource, await createOrganisation(w.t.dataSource, 'pain-service'), 'clinician');
    const token = (await login(w.t.http, world.clinician.email)).accessToken;
    pathways.overdue = await pathway(token, ['Ada', 'Lovelace'], 'Polish');
    await score(token, pathways.overdue, 'baseline', [2, 2, 2, 2, 2, 2, 2, 1, 0]);
    clock.set(new Date('2026-04-06T10:00:00Z'));
    const later = (await login(w.t.http, world.clinician.email)).accessToken;
    await score(later, pathways.overdue, 'review', [1, 1, 1, 1, 1, 1, 1, 1, 0]);
    pathways.recent = await pathway(later, ['Grace', 'Hopper'], null);
  });
  afterAll(() => w.close());

  async function mainText(page: Page): Promise<string> {
    return page.locator('main').innerText();
  }

  /** A clinician signed in, with axe on every page from here on. */
  async function clinicianPage(): Promise<{ page: Page; audit: AccessibilityAudit }> {
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    return { page, audit: new AccessibilityAudit(page) };
  }

  function expectAccessible(audit: AccessibilityAudit): void {
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  }

  let meetingId = '';

  it('shows the due list with scores against baseline, and flags a pathway for the MDT (a reason is required)', async () => {
    const { page, audit } = await clinicianPage();

    // The due list: the overdue pathway with its scores against baseline, its counters and the interpreter it needs.
    await page.getByRole('link', { name: 'MDT' }).first().click();
    await page.waitForURL('**/mdt');
    await audit.check();
    let text = await mainText(page);
    expect(text).toContain('LOVELACE, Ada');
    expect(text).toContain('Scheduled review');
    expect(text).toContain('interpreter (Polish)');
    expect(text).toMatch(/PHQ9\s+15\s+8\s+−7/);
    expect(text).toContain('0 attended of 8 planned');
    expect(text).not.toContain('HOPPER');

    // Flag the recent pathway from its pathway page: a reason is required.
    await page.goto(`/pathways/${pathways.recent}`);
    await audit.check();
    await page.getByRole('link', { name: 'Flag for MDT review' }).click();
    await audit.check();
    await expect(page.locator('.app-patient-banner').innerText()).resolves.toContain('HOPPER, Grace');
    await page.getByRole('button', { name: 'Flag for MDT' }).click();
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Enter reason for flagging');
    await audit.check();
    await page.getByLabel('Reason for flagging').fill('Low mood worsening');
    await page.getByRole('button', { name: 'Flag for MDT' }).click();
    await page.waitForURL('**/mdt');
    await audit.check();
    text = await mainText(page);
    expect(text).toContain('Flagged for the next MDT');
    expect(text.indexOf('HOPPER, Grace')).toBeLessThan(text.indexOf('LOVELACE, Ada'));
    expectAccessible(audit);
  }, 120_000);

  it('plans a meeting whose case list is generated from the due list, and starts it', async () => {
    const { page, audit } = await clinicianPage();
    await page.goto('/mdt');
    await audit.check();
    // Plan a meeting: the date must be a real one; what was typed stays.
    await page.getByRole('button', { name: 'Plan a meeting' }).click();
    await page.waitForURL('**/mdt/meetings/new');
    await audit.check();
    const date = page.getByRole('group', { name: 'Date of the meeting' });
    await date.getByLabel('Day').fill('31');
    await date.getByLabel('Month').fill('4');
    await date.getByLabel('Year').fill('2026');
    await page.getByLabel('Where the meeting is held').fill('Seacroft Hospital, room 4');
    const response = page.waitForResponse((r) => r.url().endsWith('/mdt/meetings') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Plan meeting' }).click();
    expect((await response).status()).toBe(400);
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Date of the meeting must be a real date');
    await expect(page.getByLabel('Where the meeting is held').inputValue()).resolves.toBe('Seacroft Hospital, room 4');
    await audit.check();
    await date.getByLabel('Day').fill('8');
    await page.getByRole('button', { name: 'Plan meeting' }).click();
    await page.waitForURL(/\/mdt\/meetings\/[0-9a-f-]{36}$/);
    await audit.check();
    meetingId = page.url().split('/').pop() as string;
    const text = await mainText(page);
    expect(text).toContain('Meeting planned with 2 cases');
    expect(text).toContain('8 April 2026, Seacroft Hospital, room 4');
    expect(text.indexOf('1. HOPPER, Grace')).toBeLessThan(text.indexOf('2. LOVELACE, Ada'));

    await page.getByRole('button', { name: 'Start meeting' }).click();
    await page.waitForURL(`**/mdt/meetings/${meetingId}`);
    await audit.check();
    await expect(mainText(page)).resolves.toContain('Meeting started');
    expectAccessible(audit);
  }, 120_000);

  it('records a decision with an action on a case; the summary shows as typed, HTML and all', async () => {
    const { page, audit } = await clinicianPage();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await page.goto(`/mdt/meetings/${meetingId}`);
    await audit.check();
    // Record a decision: nothing chosen is an error; the action keeps what was typed.
    await page.getByRole('link', { name: 'Record decision for Ada Lovelace' }).click();
    await page.waitForURL(`**/cases/${pathways.overdue}/decision`);
    await audit.check();
    await expect(page.locator('.app-patient-banner').innerText()).resolves.toContain('LOVELACE, Ada');
    await expect(page.locator('.app-communication-needs').innerText()).resolves.toContain('Polish');
    const action = page.getByRole('group', { name: 'Action 1' });
    await action.getByLabel('What needs doing').fill('Book a review with psychology');
    await page.getByLabel('Summary of the discussion').fill(`${SCRIPT} Improving mood`);
    await page.getByRole('button', { name: 'Save decision' }).click();
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Select decision');
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Select owner of action 1');
    await expect(action.getByLabel('What needs doing').inputValue()).resolves.toBe('Book a review with psychology');
    await audit.check();
    await page.getByLabel('Continue').check();
    await action.getByLabel('Owner').selectOption({ label: 'Test clinician' });
    const due = action.getByRole('group', { name: 'Due date' });
    await due.getByLabel('Day').fill('22');
    await due.getByLabel('Month').fill('4');
    await due.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.waitForURL(`**/mdt/meetings/${meetingId}#case-${pathways.overdue}`);
    await audit.check();
    const text = await mainText(page);
    expect(text).toContain('Decision recorded');
    expect(text).toContain('Decision: Continue');
    expect(text).toContain(`${SCRIPT} Improving mood`);
    expect(text).toContain('Book a review with psychology, due 22 April 2026');
    expect(dialogs).toBe(0);

    const stored = await w.t.http
      .get(`/api/v1/mdt/meetings/${meetingId}`)
      .set(await clinicianToken())
      .expect(200);
    const decided = (stored.body as MeetingResponse).cases.find((c) => c.pathwayId === pathways.overdue);
    expect(decided?.decisions).toEqual([
      expect.objectContaining({
        decision: 'continue',
        summary: `${SCRIPT} Improving mood`,
        actions: [
          expect.objectContaining({ description: 'Book a review with psychology', ownerId: world.clinician.id, dueOn: '2026-04-22' }),
        ],
      }),
    ]);

    expectAccessible(audit);
  }, 120_000);

  async function clinicianToken(): Promise<Record<string, string>> {
    return bearer((await login(w.t.http, world.clinician.email)).accessToken);
  }

  it("gives a clinician of another pain service the 'Page not found' page for a meeting, and a GP the forbidden page", async () => {
    const meetings = await w.t.http
      .get('/api/v1/mdt/meetings')
      .set(await clinicianToken())
      .expect(200);
    const [meeting] = (meetings.body as MeetingPage).items;
    const page = await w.newPage();
    await signInAs(page, outsider.email);
    const audit = new AccessibilityAudit(page);
    const notFound = await page.goto(`/mdt/meetings/${meeting.id}`);
    expect(notFound?.status()).toBe(404);
    await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
    await audit.check();
    expect((await page.goto('/mdt/meetings/not-a-uuid'))?.status()).toBe(404);
    await audit.check();

    const gp = await w.newPage();
    await signInAs(gp, world.gpA.email);
    const gpAudit = new AccessibilityAudit(gp);
    const forbidden = await gp.goto('/mdt');
    expect(forbidden?.status()).toBe(403);
    await gpAudit.check();
    expect([...audit.violations, ...gpAudit.violations]).toEqual([]);
    expect([...audit.unchecked(), ...gpAudit.unchecked()]).toEqual([]);
  }, 120_000);
});
