import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'carepath-config-'));

describe('configuration', () => {
  it('starts with nothing set: embedded database, PostgreSQL queue, port 3000, demo seed, a persisted secret', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      redisUrl: undefined,
      workerMode: 'inline',
      seedDemo: true,
      accessTokenTtlSeconds: 900,
      logLevel: 'info',
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(config.jwtSecret);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(config.jwtSecret);
  });

  it('uses the servers it is given and then does not seed demo data unless asked', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/carepath',
      REDIS_URL: 'redis://cache:6379',
      JWT_SECRET: 's'.repeat(32),
      DATA_DIR: dataDir(),
    });
    expect(config).toMatchObject({ databaseUrl: 'postgres://u:p@db:5432/carepath', redisUrl: 'redis://cache:6379', seedDemo: false });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 1 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be an integer from 1 to 65535 (got "70000")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must use postgres: or postgresql: (got "mysql:")'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a URL (postgres: or postgresql:)'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL must use redis: or rediss: (got "http:")'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET is required when NODE_ENV=production'],
    [{ WORKER_MODE: 'both' }, 'WORKER_MODE must be one of inline, separate (got "both")'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO must be true or false (got "yes")'],
    [{ SEED_PASSWORD: 'short' }, 'SEED_PASSWORD must be at least 12 characters'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ QUEUE_PREFIX: 'bad prefix!' }, 'QUEUE_PREFIX must be 1-40 letters, digits, _ or - (got "bad prefix!")'],
    [{ ACCESS_TOKEN_TTL_SECONDS: '5' }, 'ACCESS_TOKEN_TTL_SECONDS must be an integer from 60 to 3600 (got "5")'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    const attempt = () => loadConfig({ DATA_DIR: dataDir(), ...env });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });
});
