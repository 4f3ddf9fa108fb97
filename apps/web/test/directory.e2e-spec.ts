import { join } from 'node:path';
import { FixedClock } from '@carepath/common';
import { DirectoryService, importOnspd } from '@carepath/directory';
import {
  AccessibilityAudit,
  actorOf,
  createOrganisation,
  createUser,
  createWorld,
  signInAs,
  startWebTest,
  TestUser,
  WebTest,
  World,
} from '@carepath/testing';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'onspd-sample.csv');
const XSS = '<script>alert(1)</script>';

describe("a social prescriber's directory entries", () => {
  let w: WebTest;
  let world: World;
  let otherSp: TestUser;
  let directory: DirectoryService;
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));

  beforeAll(async () => {
    w = await startWebTest({ clock });
    world = await createWorld(w.t.dataSource);
    otherSp = await createUser(w.t.dataSource, await createOrganisation(w.t.dataSource, 'vcs'), 'social_prescriber');
    await importOnspd(w.t.database.url, FIXTURE);
    directory = w.t.app.get(DirectoryService);
  });
  afterAll(() => w.close());

  const entries = async (user: TestUser) => directory.editable(await actorOf(w.t.app, user));

  it('adds an entry (after fixing the form), changes it, and the public page shows what was typed as text', async () => {
    const page = await w.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await signInAs(page, world.sp.email);
    const audit = new AccessibilityAudit(page);
    await audit.check();
    await page.getByRole('link', { name: 'Our directory entries' }).first().click();
    await page.waitForURL('**/directory');
    await audit.check();
    await expect(page.locator('main').innerText()).resolves.toContain('no directory entries yet');

    await page.getByRole('button', { name: 'Add a directory entry' }).click();
    await page.waitForURL('**/directory/new');
    await audit.check();
    await page.getByLabel('Name', { exact: true }).fill('Woodhouse Walkers');
    await page.getByLabel('Postcode').fill('not a postcode');
    await page.getByLabel('Phone number (optional)').fill('call me');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/directory') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save entry' }).click(),
    ]);
    expect(response.status()).toBe(400);
    await page.waitForLoadState('load');
    await audit.check();
    const summary = await page.locator('.nhsuk-error-summary').innerText();
    expect(summary).toContain('Enter description');
    expect(summary).toContain('Select at least one type of support');
    expect(summary).toContain('Postcode must be a UK postcode');
    expect(summary).toContain('Enter a phone number, like 0113 496 0000');
    expect(summary).toContain('Select places');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Woodhouse Walkers');
    expect(await entries(world.sp)).toEqual([]);

    await page.getByLabel('Description').fill(`Gentle walks round the moor. ${XSS}`);
    await page.getByLabel('Physical activity').check();
    await page.getByLabel('Meeting people').check();
    await page.getByLabel('Address', { exact: true }).fill('Woodhouse Moor, Leeds');
    await page.getByLabel('Postcode').fill('ls6 2bq');
    await page.getByLabel('Accessibility (optional)').fill('Flat paths; benches every 200 m');
    await page.getByLabel('When it runs (optional)').fill('Tuesdays 10am to 11am');
    await page.getByLabel('Tuesday').check();
    await page.getByLabel('Cost (optional)').fill('Free');
    await page.getByLabel('Open to new people').check();
    await page.getByLabel('Phone number (optional)').fill('0113 496 0123');
    await page.getByLabel('Email address (optional)').fill('walks@example.org');
    await page.locator('#validTo-day').fill('31');
    await page.locator('#validTo-month').fill('12');
    await page.locator('#validTo-year').fill('2026');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.waitForURL('**/directory');
    await audit.check();
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Woodhouse Walkers added to the directory');
    await expect(page.locator('table').innerText()).resolves.toContain('Tuesdays 10am to 11am');

    const [stored] = await entries(world.sp);
    expect(stored).toMatchObject({
      organisationId: world.sp.organisationId,
      name: 'Woodhouse Walkers',
      categories: ['physical-activity', 'social-connection'],
      postcode: 'LS6 2BQ',
      capacityStatus: 'open',
      cost: 'Free',
      schedule: { text: 'Tuesdays 10am to 11am', days: ['tue'], validTo: '2026-12-31', validFrom: null },
      contact: { name: null, phone: '0113 496 0123', email: 'walks@example.org', url: null },
    });

    await page.getByRole('link', { name: /Woodhouse Walkers/ }).click();
    await page.waitForURL(`**/directory/${stored.id}/edit`);
    await audit.check();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Woodhouse Walkers');
    expect(await page.getByLabel('Tuesday').isChecked()).toBe(true);
    await page.getByLabel('Full').check();
    await page.getByLabel('Cost (optional)').fill('');
    await page.getByLabel('When it runs (optional)').fill('Tuesdays and Thursdays 10am');
    await page.getByLabel('Thursday').check();
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.waitForURL('**/directory');
    await audit.check();
    await expect(page.locator('.nhsuk-notification-banner').innerText()).resolves.toContain('Woodhouse Walkers updated');
    const [changed] = await entries(world.sp);
    expect(changed).toMatchObject({
      capacityStatus: 'full',
      version: 2,
      schedule: { text: 'Tuesdays and Thursdays 10am', days: ['tue', 'thu'], validTo: '2026-12-31' },
    });

    expect(changed.cost ?? '').toBe(''); // emptied: the public page says to ask the organiser

    // What the social prescriber typed shows on the public page as text, and runs nothing.
    await page.goto(`/find-support/services/${stored.id}`);
    await audit.check();
    await expect(page.locator('main').innerText()).resolves.toContain(`Gentle walks round the moor. ${XSS}`);
    await expect(page.locator('main').innerText()).resolves.toContain('Full');
    expect(dialogs).toBe(0);

    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it("another organisation's social prescriber cannot see or change the entry, and a GP cannot open the pages", async () => {
    const sp = await actorOf(w.t.app, world.sp);
    const entry = await directory.create(sp, {
      name: 'Chapeltown Choir',
      description: 'Singing for breath',
      categories: ['social-connection'],
      address: 'Chapeltown, Leeds',
      postcode: 'LS7 3HB',
      capacityStatus: 'open',
    });
    const page = await w.newPage();
    await signInAs(page, otherSp.email);
    const audit = new AccessibilityAudit(page);
    await page.goto('/directory');
    await audit.check();
    await expect(page.locator('main').innerText()).resolves.not.toContain('Chapeltown Choir');
    const edit = await page.goto(`/directory/${entry.id}/edit`);
    expect(edit?.status()).toBe(404);
    await audit.check();
    await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
    const csrf = await page.goto('/directory/new').then(() => page.locator('input[name="_csrf"]').first().getAttribute('value'));
    await audit.check();
    const post = await page.request.post(`/directory/${entry.id}`, { form: { _csrf: csrf ?? '', name: 'Taken over', version: '1' } });
    expect(post.status()).toBe(404);
    expect((await directory.getEditable(sp, entry.id)).name).toBe('Chapeltown Choir');

    const gp = await w.newPage();
    await signInAs(gp, world.gpA.email);
    const gpAudit = new AccessibilityAudit(gp);
    await gpAudit.check();
    const refused = await gp.goto('/directory');
    expect(refused?.status()).toBe(403);
    await gpAudit.check();
    expect(audit.violations).toEqual([]);
    expect(gpAudit.violations).toEqual([]);
    expect(gpAudit.unchecked()).toEqual([]);
  });
});
