// Screenshots of the web interface for the README, made from the demo data.
//
//   npm run screenshots            (builds, then runs this with the project's Node 24)
//
// Starts the built app as `npm start` would (embedded PostgreSQL in a temporary folder, the demo seed, the worker
// in the same process), signs in as the demo users in Debian's Chromium and saves PNGs to docs/screenshots/.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'screenshots');
const password = `shots-${randomBytes(9).toString('base64url')}`;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The built app with the demo seed; resolves once it says where to sign in. */
async function startApp(dataDir) {
  const [port, pgPort] = [await freePort(), await freePort()];
  const app = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      SEED_DEMO: 'true',
      SEED_PASSWORD: password,
      LOG_LEVEL: 'warn',
    },
  });
  await new Promise((resolve, reject) => {
    let seen = '';
    app.stdout.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes('to sign in')) resolve();
    });
    app.once('exit', (code) => reject(new Error(`the app exited (${code}) before it was ready:\n${seen}`)));
  });
  return { app, url: `http://127.0.0.1:${port}` };
}

async function api(url, path, token) {
  const res = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return res.json();
}

async function token(url, email) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in for ${email}: ${res.status}`);
  return (await res.json()).accessToken;
}

async function main() {
  mkdirSync(out, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'carepath-screenshots-'));
  // Run as root, embedded PostgreSQL drops to its own user, which must be able to reach its data folder.
  chmodSync(dataDir, 0o755);
  const { app, url } = await startApp(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const clinicianToken = await token(url, 'clinician@demo.carepath.test');
    const due = await api(url, '/mdt/due', clinicianToken);
    const pathwayId = (due.items ?? due)[0].pathwayId;
    const meetings = await api(url, '/mdt/meetings', clinicianToken);
    const meetingId = (meetings.items ?? meetings)[0].id;

    const shots = [
      {
        file: 'waiting-list.png',
        as: 'admin@demo.carepath.test',
        go: async (page) => {
          await page.goto('/');
          await page.locator('main a[href^="/waiting-lists/"]').first().click();
        },
      },
      { file: 'pathway.png', as: 'clinician@demo.carepath.test', go: (page) => page.goto(`/pathways/${pathwayId}`) },
      { file: 'phq9.png', as: 'clinician@demo.carepath.test', go: (page) => page.goto(`/pathways/${pathwayId}/outcomes/new?measure=PHQ9`) },
      { file: 'mdt-meeting.png', as: 'clinician@demo.carepath.test', go: (page) => page.goto(`/mdt/meetings/${meetingId}`) },
      { file: 'gp-inbox.png', as: 'gp.a@demo.carepath.test', go: (page) => page.goto('/gp/letters') },
      {
        // The results run to dozens of services: the first screenful (the search and the nearest) says enough.
        file: 'find-support.png',
        as: null,
        fullPage: false,
        height: 1500,
        go: async (page) => {
          await page.goto('/find-support');
          await page.getByLabel('Postcode').fill('LS6 3HN');
          await page.getByLabel('Postcode').press('Enter');
        },
      },
    ];
    for (const shot of shots) {
      const context = await browser.newContext({ baseURL: url, viewport: { width: 1200, height: shot.height ?? 900 } });
      const page = await context.newPage();
      if (shot.as) {
        await page.goto('/sign-in');
        await page.getByLabel('Email address').fill(shot.as);
        await page.getByLabel('Password').fill(password);
        await page.getByLabel('Password').press('Enter');
        await page.waitForLoadState('load');
      }
      await shot.go(page);
      await page.waitForLoadState('load');
      await page.screenshot({ path: join(out, shot.file), fullPage: shot.fullPage ?? true });
      process.stdout.write(`screenshots: ${shot.file} (${new URL(page.url()).pathname})\n`);
      await context.close();
    }
  } finally {
    await browser.close();
    app.kill('SIGTERM');
    await new Promise((resolve) => app.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`screenshots: ${error.stack ?? error}\n`);
  process.exit(1);
});
