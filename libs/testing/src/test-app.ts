import { randomBytes } from 'node:crypto';
import { Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, FixedClock, loadConfig } from '@carepath/common';
import { JobsProcessor, OutboxRelay } from '@carepath/database';
import { AppModule } from '../../../apps/api/src/app.module';
import { setupApp } from '../../../apps/api/src/setup-app';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestAppOptions {
  clock?: Clock;
  /** Defaults to TEST_REDIS_URL or the local Redis; null runs the queue on PostgreSQL. */
  redisUrl?: string | null;
  env?: Record<string, string>;
  logDestination?: DestinationStream;
  /** Modules mounted beside the app's own, for a test that brings its own route. */
  modules?: Type[];
}

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  dataSource: DataSource;
  database: TestDatabase;
  config: AppConfig;
  clock: Clock;
  relay: OutboxRelay;
  worker: JobsProcessor;
  close(): Promise<void>;
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

@Module({})
class TestAppModule {}

/** The real app over a fresh database and real Redis; jobs are driven by the test (relay.relayAll, worker.start). */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const redisUrl = options.redisUrl === undefined ? testRedisUrl() : options.redisUrl;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    QUEUE_PREFIX: database.name,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    LOGIN_THROTTLE_LIMIT: '1000',
    SEED_DEMO: 'false',
    ...options.env,
  });
  const clock = options.clock ?? new FixedClock(new Date('2026-03-02T10:00:00Z'));
  const app = await NestFactory.create<NestExpressApplication>(
    {
      module: TestAppModule,
      imports: [
        AppModule.forRoot({ config, databaseUrl: database.url, clock, jobs: 'manual', logDestination: options.logDestination }),
        ...(options.modules ?? []),
      ],
    },
    { bufferLogs: true, bodyParser: false, logger: false },
  );
  try {
    setupApp(app);
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    await database.drop();
    throw error;
  }
  const worker = app.get(JobsProcessor);
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    database,
    config,
    clock,
    relay: app.get(OutboxRelay),
    worker,
    close: async () => {
      await worker.stop();
      await app.close();
      await database.drop();
    },
  };
}
