import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@carepath/common';
import { runMigrations } from '@carepath/database';
import { WorkerModule } from './worker.module';

/** The separate worker process (WORKER_MODE=separate): relays the outbox and runs jobs. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL is required for a separate worker process');
  await runMigrations(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, config.databaseUrl), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `carepath worker: ${error instanceof ConfigError ? 'configuration error: ' : ''}${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
