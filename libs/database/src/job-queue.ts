import { BullModule } from '@nestjs/bullmq';
import { createPostgresBackend, createRedisBackend, QueueOptions, withBackend } from 'bullmq';
import { AppConfig } from '@carepath/common';

export const QUEUE_NAME = 'carepath-events';

/** Ids only: an event's job carries its outbox id and the event's ids; a scheduled scan carries nothing. */
export type JobData = Record<string, string>;

export const DEFAULT_JOB_OPTIONS: QueueOptions['defaultJobOptions'] = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
  removeOnFail: false,
};

/**
 * Points @nestjs/bullmq at Redis when REDIS_URL is set, otherwise at BullMQ's PostgreSQL backend (schema `bullmq` in
 * the app database), and returns the matching queue options. BullModule reads its queue and worker classes when a
 * queue is registered, so this runs while the app module is being defined, before any queue exists.
 */
export function queueBackend(config: AppConfig, databaseUrl: string): QueueOptions {
  const classes = config.redisUrl ? withBackend(createRedisBackend) : withBackend(createPostgresBackend);
  BullModule.queueClass = classes.Queue;
  BullModule.workerClass = classes.Worker;
  if (config.redisUrl) {
    // No offline queue: while Redis is down, adding a job fails at once and the outbox row waits for the next pass.
    const connection = { url: config.redisUrl, maxRetriesPerRequest: null, enableOfflineQueue: false };
    return { connection, prefix: config.queuePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS };
  }
  // QueueOptions types `connection` for Redis; the PostgreSQL classes take pg pool settings there instead.
  return {
    connection: { connectionString: databaseUrl, schema: 'bullmq', migrate: true, max: 4 },
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  } as unknown as QueueOptions;
}
