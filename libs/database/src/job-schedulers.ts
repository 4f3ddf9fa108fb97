import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobData, QUEUE_NAME } from './job-queue';
import { JobRegistry } from './job-registry';

/**
 * Keeps every registered recurring scan scheduled in the queue. A Redis that restarts empty forgets its job
 * schedulers, and the delay-review scan silently stopped until the app restarted; checking on a timer puts each
 * one back once the queue answers again.
 */
@Injectable()
export class JobSchedulers {
  private readonly logger = new Logger(JobSchedulers.name);

  constructor(
    private readonly registry: JobRegistry,
    @InjectQueue(QUEUE_NAME) private readonly queue: Queue<JobData>,
  ) {}

  /** Schedules every scan the queue does not know; returns the names it (re)scheduled. */
  async ensureAll(): Promise<string[]> {
    const ensured: string[] = [];
    for (const schedule of this.registry.schedules) {
      try {
        if (await this.queue.getJobScheduler(schedule.name)) continue;
        await this.queue.upsertJobScheduler(schedule.name, { every: schedule.everyMs }, { name: schedule.name, data: {} });
        ensured.push(schedule.name);
      } catch (error) {
        this.logger.warn({ type: schedule.name, err: String(error) }, 'could not schedule job; will retry');
      }
    }
    return ensured;
  }
}
