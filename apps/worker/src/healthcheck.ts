import { createPostgresBackend, createRedisBackend, Queue, withBackend } from 'bullmq';
import { loadConfig } from '@carepath/common';
import { QUEUE_NAME, queueBackend } from '@carepath/database';

/**
 * The worker container's health check (docker-compose.yml): the worker has no HTTP port, so this asks the job queue
 * whether a worker is connected to it. Exits 0 when one is; 1 when none is or the queue cannot be reached.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
  // The same backend as the worker's; queueBackend already types both backends' options as QueueOptions.
  const Backend = (config.redisUrl ? withBackend(createRedisBackend).Queue : withBackend(createPostgresBackend).Queue) as typeof Queue;
  const queue = new Backend(QUEUE_NAME, queueBackend(config, config.databaseUrl));
  try {
    process.exitCode = (await queue.getWorkersCount()) > 0 ? 0 : 1;
  } finally {
    await queue.close();
  }
}

main().catch(() => process.exit(1));
