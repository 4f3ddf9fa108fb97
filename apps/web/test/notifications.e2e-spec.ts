import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { FixedClock } from '@carepath/common';
import { NotificationsService } from '@carepath/notifications';
import { AccessibilityAudit, createWorld, signInAs, startWebTest, WebTest, World } from '@carepath/testing';

describe('notifications: the unread count in the header, and a page that lists them and marks them read', () => {
  let w: WebTest;
  let world: World;
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));

  beforeAll(async () => {
    w = await startWebTest({ clock });
    world = await createWorld(w.t.dataSource);
  });
  afterAll(() => w.close());

  /** A notification as a domain event's job makes one. */
  async function notify(userId: string, message: string): Promise<string> {
    await w.t.app.get(NotificationsService).notify(w.t.dataSource.manager, [userId], {
      type: 'letter.failed',
      message,
      entityType: 'Letter',
      entityId: randomUUID(),
      sourceEventId: randomUUID(),
    });
    clock.advanceSeconds(60);
    const [row] = await w.t.dataSource.query('SELECT id FROM notification WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1', [userId]);
    return row.id;
  }

  const header = (page: Page) => page.locator('header').innerText();

  it('shows the unread count on every page, lists the notifications newest first, and marks one read', async () => {
    await notify(world.clinician.id, 'A letter you approved has been delivered to the GP practice');
    const second = await notify(world.clinician.id, 'A letter you approved could not be delivered; <script>alert(1)</script>');
    const page = await w.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signInAs(page, world.clinician.email);
    const audit = new AccessibilityAudit(page);
    await page.reload();
    await expect(header(page)).resolves.toContain('Notifications (2 unread)');
    await audit.check();

    await page.getByRole('link', { name: 'Notifications (2 unread)' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Notifications');
    const rows = page.locator('tbody tr');
    await expect(rows.first().innerText()).resolves.toContain('could not be delivered; <script>alert(1)</script>');
    await expect(rows.last().innerText()).resolves.toContain('has been delivered to the GP practice');
    await audit.check();

    await rows
      .first()
      .getByRole('button', { name: /^Mark as read/ })
      .click();
    await page.waitForURL('**/notifications');
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Notification marked as read');
    await expect(header(page)).resolves.toContain('Notifications (1 unread)');
    await expect(rows.first().innerText()).resolves.toContain('Read');
    await audit.check();
    const [stored] = await w.t.dataSource.query('SELECT read_at FROM notification WHERE id = $1', [second]);
    expect(stored.read_at).not.toBeNull();

    // The count is on every page, error pages included.
    const missing = await page.goto('/letters/00000000-0000-4000-8000-000000000000');
    expect(missing?.status()).toBe(404);
    await expect(header(page)).resolves.toContain('Notifications (1 unread)');
    await audit.check();
    expect(dialogs).toEqual([]);
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it('counts each user’s own notifications only; another user’s notification cannot be marked read (404)', async () => {
    const theirs = await notify(world.admin.id, 'A letter could not be delivered');
    const page = await w.newPage();
    await signInAs(page, world.gpA.email);
    const audit = new AccessibilityAudit(page);
    await page.goto('/notifications');
    await expect(header(page)).resolves.not.toContain('unread');
    await expect(page.locator('main').innerText()).resolves.toContain('You have no notifications');
    await audit.check();
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const res = await page.request.post(`/notifications/${theirs}/read`, { form: { _csrf: csrf } });
    expect(res.status()).toBe(404);
    expect(await res.text()).toContain('Page not found');
    const [stored] = await w.t.dataSource.query('SELECT read_at FROM notification WHERE id = $1', [theirs]);
    expect(stored.read_at).toBeNull();
    expect(audit.violations).toEqual([]);
  });
});
