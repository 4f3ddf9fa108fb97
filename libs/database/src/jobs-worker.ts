import { Inject, Injectable, Logger } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig, APP_CONFIG } from '@carepath/common';
import { JobHandlerRegistry } from './job-handlers';
import { createWorker, JobData } from './job-queue';
import { DATABASE_URL } from './tokens';

/** Runs queued jobs through the registered domain handlers. */
@Injectable()
export class JobsWorker {
  private readonly logger = new Logger(JobsWorker.name);
  private worker: Worker<JobData> | undefined;

  constructor(
    private readonly handlers: JobHandlerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  start(): void {
    this.worker = createWorker(this.config, this.databaseUrl, (job: Job<JobData>) => this.handlers.dispatch(job.name, job.data));
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ jobId: job?.id, type: job?.name, attempt: job?.attemptsMade, err: error.message }, 'job failed'),
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error.message }, 'worker connection error'));
  }

  /** In-flight jobs finish; unstarted ones stay in the queue for the next worker. */
  async stop(): Promise<void> {
    await this.worker?.close();
    this.worker = undefined;
  }
}
