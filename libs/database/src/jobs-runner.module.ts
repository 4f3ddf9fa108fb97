import { BeforeApplicationShutdown, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobHandlerRegistry } from './job-handlers';
import { JobData } from './job-queue';
import { JobsWorker } from './jobs-worker';
import { OutboxRelay } from './outbox-relay';
import { JOB_QUEUE } from './tokens';

/** Starts the outbox relay and the job worker with the app; on shutdown they stop before the queue closes. */
@Injectable()
export class JobsRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobsRunner.name);

  constructor(
    private readonly relay: OutboxRelay,
    private readonly worker: JobsWorker,
    private readonly handlers: JobHandlerRegistry,
    @Inject(JOB_QUEUE) private readonly queue: Queue<JobData>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker.start();
    this.relay.start();
    for (const schedule of this.handlers.schedules) {
      await this.queue
        .upsertJobScheduler(schedule.type, { every: schedule.everyMs }, { name: schedule.type, data: {} })
        .catch((error: unknown) =>
          this.logger.warn({ type: schedule.type, err: String(error) }, 'could not schedule job; will retry at next start'),
        );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.worker.stop();
  }
}

@Module({ providers: [OutboxRelay, JobsWorker, JobsRunner], exports: [OutboxRelay, JobsWorker] })
export class JobsRunnerModule {}

/** The relay and worker without the automatic start, for tests that drive them step by step. */
@Module({ providers: [OutboxRelay, JobsWorker], exports: [OutboxRelay, JobsWorker] })
export class JobsManualModule {}
