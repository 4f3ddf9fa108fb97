import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError, loadConfig } from '@carepath/common';
import { EmbeddedDatabase, isServerShutdownError, runMigrations, startEmbeddedPostgres } from '@carepath/database';
import { AppModule } from './app.module';
import { seedDemo } from './seed/demo-seed';
import { seedDemoReferrals } from './seed/demo-referrals';
import { seedDemoPathways } from './seed/demo-pathways';
import { seedDemoDirectory } from './seed/demo-directory';
import { seedDemoMdt } from './seed/demo-mdt';
import { seedDemoLetters } from './seed/demo-letters';
import { setupApp } from './setup-app';

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`carepath: configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** How long requests in flight may take to finish after SIGTERM before their connections are closed. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Bounds the wait for requests in flight: Nest's shutdown waits for them with no time limit. */
function drainWithin(app: NestExpressApplication, graceMs: number): void {
  const bound = () => setTimeout(() => (app.getHttpServer() as Server).closeAllConnections(), graceMs).unref();
  process.once('SIGTERM', bound);
  process.once('SIGINT', bound);
}

async function main(): Promise<void> {
  const config = readConfig();
  const say = (line: string): void => {
    if (config.logLevel !== 'silent') process.stdout.write(`carepath: ${line}\n`);
  };
  let embedded: EmbeddedDatabase | undefined;
  // Ctrl-C reaches the embedded PostgreSQL too, which then ends our connections while we shut down.
  process.on('uncaughtException', (error) => {
    if (embedded && isServerShutdownError(error)) return;
    process.stderr.write(`carepath: fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, say);
    databaseUrl = embedded.url;
    say(`embedded PostgreSQL running on port ${config.embeddedPostgresPort} (data in ${config.dataDir})`);
  }
  const applied = await runMigrations(databaseUrl);
  if (applied.length > 0) say(`applied migrations: ${applied.join(', ')}`);
  if (config.seedDemo) await seedDemo(databaseUrl, config.seedPassword, say);

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      config,
      databaseUrl,
      jobs: config.workerMode === 'inline' ? 'auto' : 'none',
      onShutdown: embedded ? () => embedded.stop() : undefined,
    }),
    // On SIGTERM, requests in flight finish while new ones are answered 503 (Connection: close), so a client never
    // sees a dropped request that may have committed.
    { bufferLogs: true, bodyParser: false, return503OnClosing: true },
  );
  setupApp(app);
  drainWithin(app, SHUTDOWN_GRACE_MS);
  if (config.seedDemo) {
    await seedDemoReferrals(app, say);
    await seedDemoPathways(app, say);
    await seedDemoDirectory(app, say);
    await seedDemoMdt(app, say);
    await seedDemoLetters(app, say);
  }
  await app.listen(config.port);
  say(`open http://localhost:${config.port} to sign in (find local support, no sign-in: /find-support)`);
  say(`API on http://localhost:${config.port}/api/v1  (docs: /docs, health: /health/ready)`);
  say(config.redisUrl ? 'queue: Redis' : 'queue: PostgreSQL (BullMQ PostgreSQL backend)');
  if (config.workerMode === 'inline') say('worker: running in this process');
}

main().catch((error: unknown) => {
  process.stderr.write(`carepath: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
