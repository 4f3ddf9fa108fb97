import type { Page } from 'playwright-core';
import { FixedClock } from '@carepath/common';
import { TasksService } from '@carepath/tasks';
import {
  AccessibilityAudit,
  bearer,
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

/** Tasks: a clinician's own (a PHQ-9 item-9 task as an emergency, first), an admin's unassigned ones; complete and reassign. */
describe('task pages', () => {
  let w: WebTest;
  let world: World;
  let physio: TestUser;
  let patientId: string;
  const task: Record<string, string> = {};
  const dialogs: string[] = [];

  async function signedIn(email: string): Promise<{ page: Page; audit: AccessibilityAudit }> {
    const page = await w.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signInAs(page, email);
    await page.goto('/tasks');
    const audit = new AccessibilityAudit(page);
    await audit.check();
    return { page, audit };
  }

  async function tasksOf(user: TestUser): Promise<{ id: string; assigneeUserId: string | null; patientName: string; nhsNumber: string }[]> {
    const token = (await login(w.t.http, user.email)).accessToken;
    return (await w.t.http.get('/api/v1/tasks').set(bearer(token)).expect(200)).body.items;
  }

  beforeAll(async () => {
    w = await startWebTest({ clock: new FixedClock(new Date('2026-09-01T09:00:00Z')) });
    world = await createWorld(w.t.dataSource);
    physio = await createUser(w.t.dataSource, world.service, 'clinician', 'physiotherapist');
    const admin = (await login(w.t.http, world.admin.email)).accessToken;
    patientId = await createPatient(w.t.dataSource, world.service, world.practiceA, { interpreterLanguage: 'Urdu' });
    const referral = await w.t.http
      .post('/api/v1/referrals')
      .set(bearer(admin))
      .send({ patientId, priority: 'routine', reason: 'Back pain' })
      .expect(201);
    const raise = (kind: 'phq9-urgent' | 'dna-review' | 'delay-review', assignee: string | null, detail: string | null = null) =>
      w.t.dataSource.transaction((manager) =>
        w.t.app.get(TasksService).raise(manager, {
          serviceId: world.service,
          kind,
          priority: kind === 'phq9-urgent' ? 'urgent' : 'routine',
          patientId,
          referralId: referral.body.id,
          assigneeUserId: assignee,
          dueOn: kind === 'phq9-urgent' ? '2026-09-01' : '2026-09-14',
          detail,
          sourceKey: `${kind}:test`,
        }),
      );
    task.phq9 = await raise('phq9-urgent', world.clinician.id);
    task.dna = await raise('dna-review', world.clinician.id, SCRIPT);
    task.delay = await raise('delay-review', null);
  });
  afterAll(() => w.close());

  it('shows a clinician their tasks with the PHQ-9 emergency first; completes one and reassigns another', async () => {
    const { page, audit } = await signedIn(world.clinician.email);
    await expect(page.locator('h1').innerText()).resolves.toBe('My tasks');
    const emergency = page.locator('.app-emergency');
    await expect(emergency.locator('h2').innerText()).resolves.toContain('Emergency');
    await expect(emergency.innerText()).resolves.toContain('Test Patient');
    await expect(emergency.getByRole('link', { name: /Open the referral/ }).getAttribute('href')).resolves.toMatch(/^\/referrals\//);
    const box = await emergency.boundingBox();
    const table = await page.locator('table').boundingBox();
    expect(box && table && box.y < table.y).toBe(true);
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Review after a missed appointment');
    expect(rows[0]).toContain(SCRIPT);
    expect(rows[0]).toContain('14 September 2026');
    expect(dialogs).toEqual([]);

    await page.getByRole('button', { name: 'Complete task for Test Patient' }).last().click();
    await page.waitForURL('**/tasks');
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Task completed');
    await expect(page.locator('table').count()).resolves.toBe(0);
    const open = await tasksOf(world.clinician);
    expect(open.map((t) => t.id)).toEqual([task.phq9]);
    expect(open[0]).toMatchObject({ patientName: 'Test Patient', nhsNumber: expect.stringMatching(/^\d{3} \d{3} \d{4}$/) });
    await audit.check();

    await emergency.getByRole('link', { name: /Reassign/ }).click();
    await page.waitForURL(`**/tasks/${task.phq9}/reassign`);
    await expect(page.locator('.app-patient-banner').innerText()).resolves.toContain('PATIENT, Test');
    await expect(page.locator('.app-communication-needs').innerText()).resolves.toContain('Urdu');
    await audit.check();
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save and return to tasks' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Select the clinician to give this task to');
    await audit.check();
    await page.getByLabel('Clinician').selectOption({ label: 'Test clinician, Physiotherapist' });
    await page.getByRole('button', { name: 'Save and return to tasks' }).click();
    await page.waitForURL('**/tasks');
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Task reassigned');
    await expect(page.locator('main').innerText()).resolves.toContain('You have no open tasks.');
    expect((await tasksOf(physio)).map((t) => [t.id, t.assigneeUserId])).toEqual([[task.phq9, physio.id]]);
    await audit.check();
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it("shows an admin the service's unassigned tasks and assigns one to a clinician", async () => {
    const { page, audit } = await signedIn(world.admin.email);
    await expect(page.locator('h1').innerText()).resolves.toBe('Unassigned tasks');
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Review a patient-initiated delay');
    await page.getByRole('link', { name: 'Assign task for Test Patient' }).click();
    await page.waitForURL(`**/tasks/${task.delay}/reassign`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Assign a task');
    await audit.check();
    await page.getByLabel('Clinician').selectOption({ label: 'Test clinician, Psychologist' });
    await page.getByRole('button', { name: 'Save and return to tasks' }).press('Enter');
    await page.waitForURL('**/tasks');
    await expect(page.locator('main').innerText()).resolves.toContain('There are no unassigned tasks.');
    expect((await tasksOf(world.clinician)).map((t) => t.id)).toEqual([task.delay]);
    await audit.check();
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it("refuses a GP the task pages, and another clinician's task is not found", async () => {
    const gp = await w.newPage();
    await signInAs(gp, world.gpA.email);
    const audit = new AccessibilityAudit(gp);
    const response = await gp.goto('/tasks');
    expect(response?.status()).toBe(403);
    await expect(gp.locator('h1').innerText()).resolves.toBe('You cannot do this');
    await audit.check();
    expect((await gp.goto(`/tasks/${task.delay}/reassign`))?.status()).toBe(403);
    await audit.check();

    const { page } = await signedIn(physio.email);
    expect((await page.goto(`/tasks/${task.delay}/reassign`))?.status()).toBe(404);
    await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
    expect((await page.goto('/tasks/not-a-uuid/reassign'))?.status()).toBe(404);
    expect(audit.violations).toEqual([]);
  });
});
