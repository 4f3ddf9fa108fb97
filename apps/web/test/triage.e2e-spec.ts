import type { Page } from 'playwright-core';
import { FixedClock } from '@carepath/common';
import { AccessibilityAudit, bearer, createPatient, createWorld, login, signInAs, startWebTest, WebTest, World } from '@carepath/testing';

/** Presses Tab until the focused element's accessible text matches `name`: how a keyboard user gets somewhere. */
async function tabTo(page: Page, name: RegExp, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      if (!el) return '';
      const label = el.labels?.[0]?.innerText ?? '';
      return (el.getAttribute('aria-label') ?? (label || el.innerText || el.value || '')).trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('triage in the web interface', () => {
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

  async function referralFor(givenName: string, priority: 'routine' | 'urgent', receivedOn: string): Promise<string> {
    const patientId = await createPatient(w.t.dataSource, world.service, world.practiceA);
    await w.t.dataSource.query('UPDATE patient SET given_name = $2 WHERE id = $1', [patientId, givenName]);
    const res = await w.t.http
      .post('/api/v1/referrals')
      .set(bearer(adminToken))
      .send({ patientId, priority, reason: `Persistent pain (${givenName})`, receivedOn });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function referral(id: string) {
    return (await w.t.http.get(`/api/v1/referrals/${id}`).set(bearer(adminToken))).body;
  }

  it('keyboard only: a clinician goes from the triage queue to accepting a referral, then agrees its care pathway', async () => {
    const id = await referralFor('Keyboard', 'urgent', '2025-12-01');
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await audit.check();

    await tabTo(page, /^Triage$/);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/triage');
    await audit.check();
    await tabTo(page, /^PATIENT, Keyboard/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/referrals/${id}/triage`);
    await audit.check();

    await tabTo(page, /^Accept$/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Physiotherapy$/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Psychology$/);
    await page.keyboard.press('Space');
    await tabTo(page, /introductory session/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Save triage decision$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/referrals/${id}`);
    await audit.check();
    const main = await page.locator('main').innerText();
    expect(main).toContain('Referral accepted');
    expect(main).toContain('Accepted, awaiting assessment');
    expect(main).toContain('Physiotherapy, Psychology');
    expect(await referral(id)).toMatchObject({
      status: 'triaged-accepted',
      modalities: ['physiotherapy', 'psychology'],
      introSession: true,
    });
    // The journey goes on: from the accepted referral to agreeing the care pathway, still by keyboard alone.
    await tabTo(page, /^Agree a care pathway$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/referrals/${id}/pathway/new`);
    await audit.check();
    await tabTo(page, /^Goal 1$/);
    await page.keyboard.type('Walk to the shops without stopping');
    await tabTo(page, /^Planned sessions$/);
    await page.keyboard.type('6');
    await tabTo(page, /^Modality$/);
    await page.keyboard.press('ArrowDown');
    await tabTo(page, /^Planned sessions$/);
    await page.keyboard.type('8');
    await tabTo(page, /^Agree pathway$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/pathways\/[0-9a-f-]{36}$/);
    await audit.check();
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Care pathway agreed');
    const pathway = (await w.t.http.get(`/api/v1${new URL(page.url()).pathname}`).set(bearer(adminToken))).body;
    expect(pathway).toMatchObject({ referralId: id, status: 'active', goals: ['Walk to the shops without stopping'] });
    expect(pathway.activities.map((a: { modality: string; plannedSessions: number }) => [a.modality, a.plannedSessions])).toEqual([
      ['physiotherapy', 6],
      ['alexander-technique', 8],
    ]);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it('lists urgent referrals first, then the longest waiting; rejects (a reason is required), redirects and requests information', async () => {
    const routineOld = await referralFor('Routineold', 'routine', '2026-01-05');
    const routineNew = await referralFor('Routinenew', 'routine', '2026-02-20');
    const urgent = await referralFor('Urgentone', 'urgent', '2026-02-25');
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await page.goto('/triage');
    await audit.check();
    const names = (await page.locator('table tbody tr td:first-child').allInnerTexts()).map((t) => t.split(':')[0]);
    const order = ['Urgentone', 'Routineold', 'Routinenew'].map((n) => names.findIndex((name) => name.includes(n)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(names.findIndex((n) => n.includes('Urgentone'))).toBeLessThan(names.findIndex((n) => n.includes('Routineold')));

    // Reject without a reason: the error, the choice kept, nothing stored.
    await page.getByRole('link', { name: /Routineold/ }).click();
    await page.waitForURL(`**/referrals/${routineOld}/triage`);
    await audit.check();
    await page.getByLabel('Reject').check();
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save triage decision' }).click();
    expect((await refused).status()).toBe(400);
    await page.waitForLoadState('load');
    await audit.check();
    await expect(page.locator('#reason-error').innerText()).resolves.toContain('Reason is required to reject');
    await expect(page.getByLabel('Reject').isChecked()).resolves.toBe(true);
    expect((await referral(routineOld)).status).toBe('received');
    await page.getByLabel('Reason', { exact: true }).fill('Not a chronic pain presentation');
    await page.getByRole('button', { name: 'Save triage decision' }).click();
    await page.waitForURL(`**/referrals/${routineOld}`);
    await audit.check();
    expect(await page.locator('main').innerText()).toContain('Referral rejected');
    expect(await referral(routineOld)).toMatchObject({
      status: 'rejected',
      statusReason: 'Not a chronic pain presentation',
      clock: { state: 'stopped' },
    });

    // Redirect: reason and destination.
    await page.goto(`/referrals/${routineNew}/triage`);
    await audit.check();
    await page.getByLabel('Redirect to another service').check();
    await page.getByLabel('Where the referral goes instead').fill('Musculoskeletal service');
    await page.getByLabel('Reason', { exact: true }).fill('Acute injury');
    await page.getByRole('button', { name: 'Save triage decision' }).click();
    await page.waitForURL(`**/referrals/${routineNew}`);
    await audit.check();
    expect(await page.locator('main').innerText()).toContain('Musculoskeletal service');
    expect(await referral(routineNew)).toMatchObject({ status: 'redirected', redirectDestination: 'Musculoskeletal service' });

    // Request more information; once it arrives the referral returns to the queue.
    await page.goto(`/referrals/${urgent}/triage`);
    await audit.check();
    await page.getByLabel('Request more information from the referrer').check();
    await page.getByLabel('Reason', { exact: true }).fill('Please send recent imaging');
    await page.getByRole('button', { name: 'Save triage decision' }).click();
    await page.waitForURL(`**/referrals/${urgent}`);
    await audit.check();
    expect(await referral(urgent)).toMatchObject({ status: 'info-requested', statusReason: 'Please send recent imaging' });
    await page.getByRole('button', { name: 'Information received: return to triage' }).click();
    await page.waitForURL(`**/referrals/${urgent}`);
    await audit.check();
    expect((await referral(urgent)).status).toBe('received');
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it('a GP and an admin cannot open the triage queue or triage', async () => {
    const id = await referralFor('Scope', 'routine', '2026-02-01');
    for (const user of [world.gpA, world.admin]) {
      const page = await w.newPage();
      await signInAs(page, user.email);
      const audit = new AccessibilityAudit(page);
      const queue = await page.goto('/triage');
      expect([403, 404]).toContain(queue?.status());
      await audit.check();
      const form = await page.goto(`/referrals/${id}/triage`);
      expect([403, 404]).toContain(form?.status());
      await audit.check();
      expect(audit.violations).toEqual([]);
    }
    const gpB = await w.newPage();
    await signInAs(gpB, world.gpB.email);
    expect((await gpB.goto(`/patients/${(await referral(id)).patientId}`))?.status()).toBe(404);
    expect((await referral(id)).status).toBe('received');
  });
});
