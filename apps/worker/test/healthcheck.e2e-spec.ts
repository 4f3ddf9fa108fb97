import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, ensureBuilt, TestDatabase, testRedisUrl } from '@carepath/testing';

const root = join(__dirname, '..', '..', '..');
const node = join(root, 'node_modules', '.bin', 'node');
const built = (file: string) => join(root, 'dist', 'apps', 'worker', 'src', file);

describe('worker health check (docker-compose.yml)', () => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase();
    env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: database.name,
      WORKER_MODE: 'separate',
      LOG_LEVEL: 'silent',
    };
  });

  afterAll(() => database.drop());

  const check = () => spawnSync(node, [built('healthcheck.js')], { env, timeout: 20_000 }).status;

  async function untilCheck(expected: number): Promise<number | null> {
    const deadline = Date.now() + 30_000;
    let status = check();
    while (status !== expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      status = check();
    }
    return status;
  }

  it('fails while no worker runs, passes while one does, and fails again once it has stopped', async () => {
    expect(check()).toBe(1);
    const worker = spawn(node, [built('main.js')], { env, stdio: 'ignore' });
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    try {
      expect(await untilCheck(0)).toBe(0);
    } finally {
      worker.kill('SIGTERM');
      await exited;
    }
    expect(check()).toBe(1);
  });
});
