import { join } from 'node:path';
import { Actor } from '@carepath/auth';
import { FixedClock } from '@carepath/common';
import { CreateDirectoryServiceRequest, DirectoryService, importOnspd } from '@carepath/directory';
import { AccessibilityAudit, actorOf, createWorld, signInAs, startWebTest, WebTest, World } from '@carepath/testing';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'onspd-sample.csv');
const XSS = '<script>alert(1)</script>';

describe('find local support (public)', () => {
  let w: WebTest;
  let world: World;
  let directory: DirectoryService;
  let sp: Actor;
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));
  const ids: Record<string, string> = {};

  const entry = (name: string, postcode: string, extra: Partial<CreateDirectoryServiceRequest> = {}): CreateDirectoryServiceRequest => ({
    name,
    description: `${name}: gentle and friendly`,
    categories: ['physical-activity'],
    address: `${name} Hall, Leeds`,
    postcode,
    capacityStatus: 'open',
    ...extra,
  });

  beforeAll(async () => {
    w = await startWebTest({ clock });
    world = await createWorld(w.t.dataSource);
    await importOnspd(w.t.database.url, FIXTURE);
    directory = w.t.app.get(DirectoryService);
    sp = await actorOf(w.t.app, world.sp);
    const add = async (key: string, body: CreateDirectoryServiceRequest) => (ids[key] = (await directory.create(sp, body)).id);
    await add(
      'walk',
      entry('Park Walk', 'LS6 2BQ', {
        description: `Walks round the park. ${XSS}`,
        schedule: { text: 'Tuesdays 10am to 11am', days: ['tue'] },
        cost: 'Free',
        accessibility: 'Step-free paths; benches along the route',
        contact: { name: 'Sam Walker', phone: '0113 496 0000', email: 'walks@example.org' },
      }),
    );
    await add(
      'taichi',
      entry('City Tai Chi', 'LS1 4AP', {
        categories: ['movement-tai-chi'],
        schedule: { days: ['mon', 'thu'] },
        capacityStatus: 'waitlist',
      }),
    );
    await add('peer', entry('Chapeltown Peer Group', 'LS7 3HB', { categories: ['peer-support'], capacityStatus: 'full' }));
    await add('ended', entry('Ended Walk', 'LS6 1AN', { schedule: { validTo: '2026-03-01' } }));
    await add('future', entry('Future Walk', 'LS6 1AN', { schedule: { validFrom: '2026-04-01' } }));
    await add('far', entry('Manchester Walkers', 'M1 1AE'));
  });
  afterAll(() => w.close());

  it('searches by postcode, nearest first, with everything a person needs to go, and opens a service page', async () => {
    const page = await w.newPage();
    const audit = new AccessibilityAudit(page);
    await page.goto('/find-support');
    await expect(page.locator('h1').innerText()).resolves.toBe('Find local support');
    await expect(page.locator('header').innerText()).resolves.not.toContain('Sign out');
    await audit.check();

    await page.getByLabel('Postcode').fill('ls6 1an');
    await page.getByLabel('Distance', { exact: true }).fill('3');
    await page.getByLabel('Miles').check();
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/postcode=/);
    await audit.check();
    const names = await page.locator('.app-result h3').allInnerTexts();
    expect(names).toEqual(['Park Walk', 'Chapeltown Peer Group', 'City Tai Chi']);
    const first = await page.locator('.app-result').first().innerText();
    expect(first).toContain('0.6 miles away');
    expect(first).toContain('Tuesdays 10am to 11am');
    expect(first).toContain('Free');
    expect(first).toContain('Step-free paths');
    expect(first).toContain('Open to new people');
    expect(first).toContain('0113 496 0000');
    expect(first).toContain('Park Walk Hall, Leeds, LS6 2BQ');
    await expect(page.locator('.app-result').nth(2).innerText()).resolves.toContain('Mondays and Thursdays');
    await expect(page.locator('.app-result').nth(2).innerText()).resolves.toContain('Waiting list');
    await expect(page.locator('.app-result').nth(1).innerText()).resolves.toContain('Full');

    // Only services on today: one that ended yesterday and one that starts next month never show.
    const main = await page.locator('main').innerText();
    expect(main).not.toContain('Ended Walk');
    expect(main).not.toContain('Future Walk');
    expect(main).not.toContain('Manchester');

    await page.getByLabel('Type of support').selectOption({ label: 'Movement and Tai Chi' });
    await page.getByLabel('Day', { exact: true }).selectOption({ label: 'Thursday' });
    await page.getByLabel('Kilometres').check();
    await page.getByLabel('Distance', { exact: true }).fill('10');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/category=movement-tai-chi/);
    await audit.check();
    await expect(page.locator('.app-result h3').allInnerTexts()).resolves.toEqual(['City Tai Chi']);
    await expect(page.locator('.app-result').innerText()).resolves.toMatch(/\d(\.\d)? km away/);

    await page.getByLabel('Type of support').selectOption({ label: 'Any type of support' });
    await page.getByLabel('Day', { exact: true }).selectOption({ label: 'Any day' });
    await page.getByLabel('Words (optional)').fill('park');
    await page.getByLabel('Words (optional)').press('Enter');
    await page.waitForURL(/q=park/);
    await audit.check();
    await page.getByRole('link', { name: 'Park Walk' }).click();
    await page.waitForURL(`**/find-support/services/${ids.walk}?**`);
    await audit.check();
    await expect(page.locator('h1').innerText()).resolves.toBe('Park Walk');
    const description = await page.locator('main').innerText();
    expect(description).toContain(`Walks round the park. ${XSS}`);
    expect(description).toContain('walks@example.org');
    await page.getByRole('link', { name: 'Back to results' }).click();
    await page.waitForURL(/q=park/);
    await expect(page.locator('.app-result h3').allInnerTexts()).resolves.toEqual(['Park Walk']);
    expect(await page.getByLabel('Postcode').inputValue()).toBe('ls6 1an');

    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });

  it('shows HTML typed into a directory entry as text, with no dialog; a signed-in user sees no account there', async () => {
    const page = await w.newPage();
    await signInAs(page, world.sp.email);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await page.goto(`/find-support/services/${ids.walk}`);
    await expect(page.locator('main').innerText()).resolves.toContain(XSS);
    expect(dialogs).toBe(0);
    expect(await page.locator('main script').count()).toBe(0);
    await expect(page.locator('header').innerText()).resolves.not.toMatch(/Sign out|Handoffs/);
  });

  it('never shows an ended or not yet started service, not even by its address', async () => {
    const page = await w.newPage();
    for (const key of ['ended', 'future']) {
      const response = await page.goto(`/find-support/services/${ids[key]}`);
      expect(response?.status()).toBe(404);
      await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
    }
    const malformed = await page.goto('/find-support/services/not-a-uuid');
    expect(malformed?.status()).toBe(404);
  });

  it('rejects a malformed postcode on the field, keeps what was typed, and says when it searched from the district', async () => {
    const page = await w.newPage();
    const audit = new AccessibilityAudit(page);
    await page.goto('/find-support');
    await audit.check();
    await page.getByLabel('Postcode').fill('NOT A POSTCODE');
    await page.getByLabel('Words (optional)').fill('walk');
    const [response] = await Promise.all([page.waitForResponse(/\/find-support\?/), page.getByRole('button', { name: 'Search' }).click()]);
    expect(response.status()).toBe(400);
    await audit.check();
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Postcode must be a UK postcode');
    await expect(page.locator('#postcode-error').innerText()).resolves.toContain('Postcode must be a UK postcode');
    expect(await page.getByLabel('Words (optional)').inputValue()).toBe('walk');
    expect(await page.title()).toMatch(/^Error: /);

    await page.getByLabel('Postcode').fill('ZZ9 9ZZ');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/ZZ9/);
    await audit.check();
    await expect(page.locator('#postcode-error').innerText()).resolves.toContain('ZZ9 is not in the gazetteer');

    await page.getByLabel('Postcode').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/postcode=&/);
    await expect(page.locator('#postcode-error').innerText()).resolves.toContain('Enter a postcode');

    await page.getByLabel('Postcode').fill('LS6 1AN');
    await page.getByLabel('Distance', { exact: true }).fill('far');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/distance=far/);
    await expect(page.locator('#radiusKm-error').innerText()).resolves.toContain('Distance must be a number');

    // LS6 9ZZ is not a live postcode, but LS6 is a known district: searched from its middle, and the page says so.
    await page.getByLabel('Postcode').fill('LS6 9ZZ');
    await page.getByLabel('Distance', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/LS6\+9ZZ/);
    await audit.check();
    await expect(page.locator('main').innerText()).resolves.toContain('could not find the postcode LS6 9ZZ exactly');
    await expect(page.locator('.app-result h3').first().innerText()).resolves.toBe('Park Walk');
    expect(audit.violations).toEqual([]);
    expect(audit.unchecked()).toEqual([]);
  });

  it('keeps a results page under 100 KB, with no blocking script, even with a full page of results', async () => {
    for (let i = 0; i < 30; i++) {
      await directory.create(
        sp,
        entry(`Community Group ${String(i).padStart(2, '0')}`, 'LS7 3HB', {
          description: 'A long description. '.repeat(100),
          accessibility: 'Step-free access, hearing loop, accessible toilet, quiet room available on request. '.repeat(5),
          cost: 'Free for everyone; donations welcome',
          schedule: { text: 'Every weekday morning, 9:30am to 12 noon, except bank holidays', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
          contact: { name: 'Volunteer coordinator', phone: '0113 496 0001', email: 'hello@example.org', url: 'https://example.org/groups' },
        }),
      );
    }
    const page = await w.newPage();
    const response = await page.goto('/find-support?postcode=LS6+1AN&distance=5&units=miles&category=&day=&q=');
    const html = await response!.text();
    expect(response!.status()).toBe(200);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(100 * 1024);
    await expect(page.locator('.app-result').count()).resolves.toBe(20);
    // Nothing the page must fetch and run before it shows (the template's one-line inline script fetches nothing).
    const blocking = await page.locator('script[src]:not([type="module"]):not([defer]):not([async])').count();
    expect(blocking).toBe(0);
    const audit = new AccessibilityAudit(page);
    await audit.check();
    await page.getByRole('link', { name: /Further away/ }).click();
    await page.waitForURL(/cursor=/);
    await audit.check();
    await expect(page.locator('h2#results').innerText()).resolves.toBe('More results');
    expect(await page.locator('.app-result').count()).toBeGreaterThan(0);
    expect(audit.violations).toEqual([]);
    expect(w.thirdPartyRequests).toEqual([]);
  });
});
