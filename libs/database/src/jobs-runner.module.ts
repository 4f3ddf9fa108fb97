import { BeforeApplicationShutdown, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { JobSchedulers } from './job-schedulers';
import { JobsProcessor } from './jobs.processor';
import { OutboxRelay } from './outbox-relay';

/** How often the job schedulers are checked, so a queue that lost them (Redis restarted empty) gets them back. */
const SCHEDULER_CHECK_MS = 30_000;

/** Starts the outbox relay, the job worker and the job schedulers with the app; on shutdown the relay and worker stop before the queue closes. */
@Injectable()
export class JobsRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private schedulerCheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly processor: JobsProcessor,
    private readonly schedulers: JobSchedulers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.processor.start();
    this.relay.start();
    await this.schedulers.ensureAll();
    this.schedulerCheck = setInterval(() => void this.schedulers.ensureAll(), SCHEDULER_CHECK_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.schedulerCheck);
    await this.relay.stop();
    await this.processor.stop();
  }
}

@Module({ providers: [OutboxRelay, JobsProcessor, JobSchedulers, JobsRunner], exports: [OutboxRelay, JobsProcessor, JobSchedulers] })
export class JobsRunnerModule {}

/** The relay, worker and schedulers without the automatic start, for tests that drive them step by step. */
@Module({ providers: [OutboxRelay, JobsProcessor, JobSchedulers], exports: [OutboxRelay, JobsProcessor, JobSchedulers] })
export class JobsManualModule {}
