import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './http';

const root = join(__dirname, '..', '..', '..');
const entry = join(root, 'dist', 'apps', 'api', 'src', 'main.js');

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, item) => {
    const path = join(dir, item.name);
    if (item.isDirectory()) return Math.max(newest, newestSource(path));
    const built = (item.name.endsWith('.ts') && !item.name.endsWith('spec.ts')) || /\.(njk|css)$/.test(item.name);
    return built ? Math.max(newest, statSync(path).mtimeMs) : newest;
  }, 0);
}

/** Builds the API (`nest build api`) unless dist/ is newer than every source file, view and stylesheet. */
export function ensureBuilt(): void {
  const builtAt = (() => {
    try {
      return statSync(entry).mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (builtAt > Math.max(newestSource(join(root, 'apps')), newestSource(join(root, 'libs')))) return;
  execFileSync(join(root, 'node_modules', '.bin', 'nest'), ['build', 'api'], { cwd: root, stdio: 'ignore' });
}

export interface BuiltApi {
  process: ChildProcess;
  url: string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** The built API as a real process (as `npm start` runs it), on a database and Redis the test owns. */
export async function startBuiltApi(env: Record<string, string>): Promise<BuiltApi> {
  ensureBuilt();
  const port = await freePort();
  const child = spawn(join(root, 'node_modules', '.bin', 'node'), [entry], {
    cwd: root,
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: String(port),
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      LOGIN_THROTTLE_LIMIT: '1000',
      ...env,
    },
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${url}/health/ready`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) return { process: child, url, exited };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the built API did not become ready');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const workerEntry = join(root, 'dist', 'apps', 'worker', 'src', 'main.js');

export interface BuiltWorker {
  process: ChildProcess;
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * The built worker as a real process (`npm run start:worker`: the outbox relay and the job worker), beside an API
 * started with WORKER_MODE=separate. It has no port: a test knows it is up when the queue counts its worker.
 */
export function startBuiltWorker(env: Record<string, string>): BuiltWorker {
  ensureBuilt();
  const child = spawn(join(root, 'node_modules', '.bin', 'node'), [workerEntry], {
    cwd: root,
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      WORKER_MODE: 'separate',
      ...env,
    },
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return { process: child, exited };
}

export interface RedisServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** SIGKILL: the data is gone (no persistence), as a Redis that crashed or was replaced. */
  kill(): Promise<void>;
}

/** A Redis of the test's own on a free port, with no persistence, so a restart comes back empty. */
export async function startRedis(port?: number): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const child = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(chosen))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${chosen}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    process: child,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
