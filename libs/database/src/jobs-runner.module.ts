import { BeforeApplicationShutdown, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { JobsWorker } from './jobs-worker';
import { OutboxRelay } from './outbox-relay';

/** Starts the outbox relay and the job worker with the app; on shutdown they stop before the queue closes. */
@Injectable()
export class JobsRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly worker: JobsWorker,
  ) {}

  onApplicationBootstrap(): void {
    this.worker.start();
    this.relay.start();
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
