import { BullRegistrar, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobData, QUEUE_NAME } from './job-queue';
import { JobRegistry } from './job-registry';

/**
 * Runs queued jobs through the registered subscribers and scans. Its BullMQ worker is created by start() (the queue
 * module registers processors manually), so the API process without a worker and tests that drive jobs step by step
 * decide when jobs run.
 */
@Processor(QUEUE_NAME, { concurrency: 4 })
@Injectable()
export class JobsProcessor extends WorkerHost {
  private readonly logger = new Logger(JobsProcessor.name);
  private started = false;

  constructor(
    private readonly registry: JobRegistry,
    private readonly registrar: BullRegistrar,
  ) {
    super();
  }

  async process(job: Job<JobData>): Promise<void> {
    await this.registry.dispatch(job.name, job.data);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.registrar.register();
  }

  /** In-flight jobs finish; unstarted ones stay in the queue for the next worker. */
  async stop(): Promise<void> {
    if (this.started) await this.worker.close();
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<JobData> | undefined, error: Error): void {
    this.logger.warn({ jobId: job?.id, type: job?.name, attempt: job?.attemptsMade, err: error.message }, 'job failed');
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error.message }, 'worker connection error');
  }
}
