import { Queue, QueueOptions, Worker, createPostgresBackend, withBackend, Processor, RedisOptions, WorkerOptions } from 'bullmq';
import { AppConfig } from '@carepath/common';

export const QUEUE_NAME = 'carepath-events';

/** Ids only: an outbox job carries its outbox id (also the job id) and the event's ids; a scheduled scan carries nothing. */
export type JobData = Record<string, string>;

export const DEFAULT_JOB_OPTIONS: QueueOptions['defaultJobOptions'] = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
  removeOnFail: false,
};

/** Connection options rather than a client, so BullMQ owns the connection and closes it with the queue or worker. */
function redisOptions(url: string): RedisOptions {
  return { url, maxRetriesPerRequest: null };
}

/** Redis when REDIS_URL is set, otherwise BullMQ's PostgreSQL backend in the app database. */
export function createQueue(config: AppConfig, databaseUrl: string): Queue<JobData> {
  if (config.redisUrl) {
    const connection = { ...redisOptions(config.redisUrl), enableOfflineQueue: false };
    return quiet(new Queue<JobData>(QUEUE_NAME, { connection, prefix: config.queuePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }));
  }
  const { Queue: PgQueue } = withBackend(createPostgresBackend);
  return quiet(
    new PgQueue<JobData>(QUEUE_NAME, {
      connection: { connectionString: databaseUrl, schema: 'bullmq', migrate: true, max: 4 },
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    }) as unknown as Queue<JobData>,
  );
}

/** Connection errors surface through /health/ready and the relay's retries, not as crashes. */
function quiet(queue: Queue<JobData>): Queue<JobData> {
  queue.on('error', () => undefined);
  return queue;
}

export function createWorker(
  config: AppConfig,
  databaseUrl: string,
  processor: Processor<JobData>,
  options: Partial<WorkerOptions> = {},
): Worker<JobData> {
  if (config.redisUrl) {
    const connection = redisOptions(config.redisUrl);
    return new Worker<JobData>(QUEUE_NAME, processor, { connection, prefix: config.queuePrefix, concurrency: 4, ...options });
  }
  const { Worker: PgWorker } = withBackend(createPostgresBackend);
  return new PgWorker<JobData>(QUEUE_NAME, processor, {
    concurrency: 4,
    ...(options as Omit<WorkerOptions, 'connection'>),
    connection: { connectionString: databaseUrl, schema: 'bullmq', migrate: true, max: 4 },
  }) as unknown as Worker<JobData>;
}
