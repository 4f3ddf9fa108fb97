import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '@carepath/common';
import { JobData, QUEUE_NAME } from './job-queue';
import { JobRegistry } from './job-registry';

const BATCH = 50;
const ENQUEUE_TIMEOUT_MS = 5000;
/**
 * A row the queue refused waits at most this long before the next try. An outage is the queue's, not the row's:
 * growing the wait with each failed try left urgent PHQ-9 alerts waiting minutes after the queue came back.
 */
const MAX_RETRY_DELAY_SECONDS = 5;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface ClaimedRow {
  id: string;
  type: string;
  payload: Record<string, string>;
  attempts: number;
}

/**
 * Moves committed outbox rows into the job queue, one job per subscriber of the event. Rows are claimed with
 * FOR UPDATE SKIP LOCKED so several relays never publish the same row, and a job's id is
 * `<outbox id>:<subscriber>` so a row published twice (crash between enqueue and commit) is still one job per
 * subscriber. An event nobody subscribes to is simply marked published.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
    @InjectQueue(QUEUE_NAME) private readonly queue: Queue<JobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.relayAll()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'outbox relay pass failed'))
        .finally(() => this.schedule(this.config.outboxPollMs));
    }, delay);
  }

  /** Publishes until nothing is due; returns how many rows were published. */
  async relayAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.relayBatch();
      total += published;
      if (published < BATCH || this.stopped) return total;
    }
  }

  private async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: ClaimedRow[] = await manager.query(
        `SELECT id, type, payload, attempts FROM outbox_event
          WHERE published_at IS NULL AND available_at <= now()
          ORDER BY created_at
          LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED`,
      );
      let published = 0;
      for (const row of rows) {
        try {
          const jobs = this.registry.subscribersOf(row.type).map((subscriber) => ({
            name: subscriber,
            data: { ...row.payload, outboxId: row.id },
            opts: { jobId: `${row.id}:${subscriber}` },
          }));
          if (jobs.length > 0) await withTimeout(this.queue.addBulk(jobs), ENQUEUE_TIMEOUT_MS);
          await manager.query('UPDATE outbox_event SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1', [
            row.id,
          ]);
          published += 1;
        } catch (error) {
          // The queue is unreachable: keep the row and retry it shortly.
          const delaySeconds = Math.min(MAX_RETRY_DELAY_SECONDS, 2 ** row.attempts);
          await manager.query(
            `UPDATE outbox_event SET attempts = attempts + 1, last_error = $2,
                    available_at = now() + make_interval(secs => $3) WHERE id = $1`,
            [row.id, error instanceof Error ? error.message.slice(0, 500) : 'enqueue failed', delaySeconds],
          );
          this.logger.warn({ outboxId: row.id, type: row.type }, 'could not enqueue outbox event; will retry');
          break;
        }
      }
      return published;
    });
  }
}
