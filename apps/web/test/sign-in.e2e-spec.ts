import type { Page } from 'playwright-core';
import { FixedClock } from '@carepath/common';
import { AccessibilityAudit, createWorld, signInAs, startWebTest, WebTest, World } from '@carepath/testing';

describe('signing in to the web interface', () => {
  let w: WebTest;
  let world: World;
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));

  beforeAll(async () => {
    w = await startWebTest({ clock });
    world = await createWorld(w.t.dataSource);
  });
  afterAll(() => w.close());

  async function sessionCookie(page: Page) {
    return (await page.context().cookies()).find((c) => c.name === 'carepath-session');
  }

  it('opens on a sign-in page, signs in by typing and pressing Enter, and signs out', async () => {
    const page = await w.newPage();
    const audit = new AccessibilityAudit(page);
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.locator('h1').innerText()).resolves.toBe('Sign in to carepath');
    await audit.check();

    await signInAs(page, world.clinician.email);
    await audit.check();
    const cookie = await sessionCookie(page);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await expect(page.locator('header').innerText()).resolves.toContain('Sign out');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('You have signed out');
    await audit.check();
    const [row] = await w.t.dataSource.query(`SELECT revoked_reason FROM auth_session WHERE kind = 'web' ORDER BY created_at DESC LIMIT 1`);
    expect(row.revoked_reason).toBe('logout');
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it('shows NHS errors for a wrong password and keeps the email typed', async () => {
    const page = await w.newPage();
    const audit = new AccessibilityAudit(page);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(world.admin.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Email or password is incorrect');
    await expect(page.getByLabel('Email address').inputValue()).resolves.toBe(world.admin.email);
    expect(await page.title()).toMatch(/^Error: /);
    await audit.check();

    await page.getByLabel('Email address').fill('not an email');
    await page.getByLabel('Password').fill('x');
    await page.getByLabel('Password').press('Enter');
    await expect(page.locator('#email-error').innerText()).resolves.toContain('Enter an email address in the correct format');
    await audit.check();
    expect(audit.violations).toEqual([]);
  });

  it('refuses a post without the CSRF token with a 403 page, and changes nothing', async () => {
    const page = await w.newPage();
    await signInAs(page, world.clinician.email);
    const before = await w.t.dataSource.query(`SELECT count(*)::int AS n FROM auth_session WHERE revoked_at IS NULL`);
    const response = await page.request.post('/sign-out', { form: { _csrf: 'forged' } });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('You cannot do this');
    const after = await w.t.dataSource.query(`SELECT count(*)::int AS n FROM auth_session WHERE revoked_at IS NULL`);
    expect(after).toEqual(before);
  });

  it('ends an idle session after 30 minutes, and returns to the page after signing in again', async () => {
    const page = await w.newPage();
    await signInAs(page, world.admin.email);
    clock.advanceSeconds(31 * 60);
    await page.goto('/?from=bookmark');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.locator('main').innerText()).resolves.toContain('signs you out after 30 minutes');
    await page.getByLabel('Email address').fill(world.admin.email);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByLabel('Password').press('Enter');
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/?from=bookmark');
    const [row] = await w.t.dataSource.query(`SELECT count(*)::int AS n FROM auth_session WHERE revoked_reason = 'idle timeout'`);
    expect(row.n).toBe(1);
  });

  it('ends the session at once when the user is disabled', async () => {
    const page = await w.newPage();
    await signInAs(page, world.manager.email);
    await w.t.dataSource.query('UPDATE app_user SET disabled_at = now() WHERE id = $1', [world.manager.id]);
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('shows NHS pages for an address that is no page and a malformed form, while the API still answers JSON', async () => {
    const page = await w.newPage();
    const audit = new AccessibilityAudit(page);
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
    await audit.check();
    expect(audit.violations).toEqual([]);
    const api = await page.request.get('/api/v1/no-such-route', { headers: { accept: 'text/html' } });
    expect(api.status()).toBe(404);
    expect(await api.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    const malformed = await page.request.post('/sign-in', { form: { email: 'a\u0000b@example.test', password: 'x' } });
    expect(malformed.status()).toBe(400);
    expect(await malformed.text()).toContain('There is a problem');
    expect(w.thirdPartyRequests).toEqual([]);
  });
});
