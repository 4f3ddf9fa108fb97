import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { TEST_PASSWORD } from './factories';
import { createTestApp, TestApp, TestAppOptions } from './test-app';

/** Debian's Chromium (`apt-get install chromium`); .ci/run installs it when missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags this machine's closed network needs: without them Chromium keeps trying Google's hosts. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface WebTest {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser (no cookies) whose requests to anywhere but the app are refused and recorded. */
  newPage(): Promise<Page>;
  /** Requests a page tried to make to other hosts: there must be none. */
  thirdPartyRequests: string[];
  close(): Promise<void>;
}

/** The real app listening on a free port, with a real Chromium to drive it. */
export async function startWebTest(options: TestAppOptions = {}): Promise<WebTest> {
  const t = await createTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const thirdPartyRequests: string[] = [];
  return {
    t,
    baseUrl,
    browser,
    thirdPartyRequests,
    async newPage() {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(baseUrl) || url.startsWith('data:')) return route.continue();
        thirdPartyRequests.push(url);
        return route.abort();
      });
      return context.newPage();
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser.close();
      await t.close();
    },
  };
}

/** Signs in through the sign-in page as a user would: typing, then pressing Enter. */
export async function signInAs(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await page.waitForLoadState('load');
  if (page.url().includes('/sign-in')) throw new Error(`sign-in failed for ${email}: ${await page.locator('main').innerText()}`);
}

export interface AxeViolationSummary {
  url: string;
  id: string;
  impact: string | null | undefined;
  targets: string[];
}

/** WCAG 2.2 A and AA, the standard NHS services are held to. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Runs axe on the page as it is now; returns the violations (the tests expect none). */
export async function axeViolations(page: Page): Promise<AxeViolationSummary[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => ({
    url: page.url(),
    id: v.id,
    impact: v.impact,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/**
 * Axe on every page a test reaches: `check()` after each page the test looks at; `pagesReached()` lists every page
 * that loaded, so a test can show none went unchecked.
 */
export class AccessibilityAudit {
  private readonly loaded = new Set<string>();
  private readonly checked = new Set<string>();
  readonly violations: AxeViolationSummary[] = [];

  constructor(private readonly page: Page) {
    page.on('load', () => this.loaded.add(this.pathOf(page.url())));
  }

  async check(): Promise<void> {
    this.checked.add(this.pathOf(this.page.url()));
    this.violations.push(...(await axeViolations(this.page)));
  }

  /** Pages that loaded but were never checked. */
  unchecked(): string[] {
    return [...this.loaded].filter((path) => !this.checked.has(path));
  }

  pagesChecked(): number {
    return this.checked.size;
  }

  private pathOf(url: string): string {
    const u = new URL(url);
    return u.pathname;
  }
}
