import { InjectQueue } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobData, QUEUE_NAME } from './job-queue';
import { JobRegistry } from './job-registry';
import { JobsProcessor } from './jobs.processor';
import { OutboxRelay } from './outbox-relay';

/** Starts the outbox relay, the job worker and the job schedulers with the app; on shutdown the relay and worker stop before the queue closes. */
@Injectable()
export class JobsRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobsRunner.name);

  constructor(
    private readonly relay: OutboxRelay,
    private readonly processor: JobsProcessor,
    private readonly registry: JobRegistry,
    @InjectQueue(QUEUE_NAME) private readonly queue: Queue<JobData>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.processor.start();
    this.relay.start();
    for (const schedule of this.registry.schedules) {
      await this.queue
        .upsertJobScheduler(schedule.name, { every: schedule.everyMs }, { name: schedule.name, data: {} })
        .catch((error: unknown) =>
          this.logger.warn({ type: schedule.name, err: String(error) }, 'could not schedule job; will retry at next start'),
        );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.processor.stop();
  }
}

@Module({ providers: [OutboxRelay, JobsProcessor, JobsRunner], exports: [OutboxRelay, JobsProcessor] })
export class JobsRunnerModule {}

/** The relay and worker without the automatic start, for tests that drive them step by step. */
@Module({ providers: [OutboxRelay, JobsProcessor], exports: [OutboxRelay, JobsProcessor] })
export class JobsManualModule {}
