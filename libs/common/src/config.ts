import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type WorkerMode = 'inline' | 'separate';

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  dataDir: string;
  /** Unset: an embedded PostgreSQL runs from node_modules with its data in `dataDir`. */
  databaseUrl?: string;
  embeddedPostgresPort: number;
  /** Unset: BullMQ runs on its PostgreSQL backend in the app database. */
  redisUrl?: string;
  jwtSecret: string;
  jwtAudience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  workerMode: WorkerMode;
  seedDemo: boolean;
  seedPassword?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  loginThrottleLimit: number;
  outboxPollMs: number;
  /** Namespaces the queue (Redis key prefix) so several deployments or test runs can share one Redis. */
  queuePrefix: string;
  /** The MESH-style file drop for GP letters: `<letterId>.pdf` and its control file. */
  lettersOutboxDir: string;
  /** Delivery attempts of a letter (with exponential backoff) before it is marked failed. */
  lettersDeliveryAttempts: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL (${protocols.join(' or ')})`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
  }
  return raw;
}

/** A secret kept beside the embedded data, so tokens survive restarts with nothing configured. */
function localSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function queuePrefix(env: Env): string {
  const raw = env.QUEUE_PREFIX || 'carepath';
  if (!/^[a-z0-9_-]{1,40}$/i.test(raw)) {
    throw new ConfigError(`QUEUE_PREFIX must be 1-40 letters, digits, _ or - (got "${raw}")`);
  }
  return raw;
}

/** Reads and validates every setting; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const dataDir = resolve(env.DATA_DIR || '.data');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
  const rawSecret = env.JWT_SECRET;
  if (rawSecret !== undefined && rawSecret !== '' && rawSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters');
  }
  if (!rawSecret && nodeEnv === 'production') {
    throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
  }
  const seedPassword = env.SEED_PASSWORD || undefined;
  if (seedPassword !== undefined && seedPassword.length < 12) {
    throw new ConfigError('SEED_PASSWORD must be at least 12 characters');
  }
  return {
    nodeEnv,
    port: int(env, 'PORT', 3000, 1, 65535),
    dataDir,
    databaseUrl,
    embeddedPostgresPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535),
    redisUrl,
    jwtSecret: rawSecret || localSecret(dataDir),
    jwtAudience: env.JWT_AUDIENCE || 'carepath-api',
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 60, 3600),
    refreshTokenTtlDays: int(env, 'REFRESH_TOKEN_TTL_DAYS', 14, 1, 90),
    workerMode: oneOf(env, 'WORKER_MODE', ['inline', 'separate'] as const, 'inline'),
    seedDemo: bool(env, 'SEED_DEMO', databaseUrl === undefined),
    seedPassword,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    loginThrottleLimit: int(env, 'LOGIN_THROTTLE_LIMIT', 10, 1, 10000),
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', 1000, 10, 60000),
    queuePrefix: queuePrefix(env),
    lettersOutboxDir: env.LETTERS_OUTBOX_DIR ? resolve(env.LETTERS_OUTBOX_DIR) : join(dataDir, 'letters-outbox'),
    lettersDeliveryAttempts: int(env, 'LETTERS_DELIVERY_ATTEMPTS', 6, 1, 8),
  };
}
