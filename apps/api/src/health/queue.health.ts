import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { JobData, QUEUE_NAME } from '@carepath/database';

/** The job queue answers (Redis, or the `bullmq` schema when the queue runs on PostgreSQL). */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectQueue(QUEUE_NAME) private readonly queue: Queue<JobData>,
  ) {}

  check<const Key extends string>(key: Key, timeoutMs: number) {
    return this.indicators
      .check(key)
      .attempt(async () => {
        await this.queue.getJobCounts('waiting');
      })
      .withTimeout(timeoutMs);
  }
}
