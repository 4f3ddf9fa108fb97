import { Injectable } from '@nestjs/common';
import { JobData } from './job-queue';

export type JobHandler = (data: JobData) => Promise<void>;

/** Maps an outbox event type to the domain code that carries out its effect. */
export interface JobSchedule {
  type: string;
  everyMs: number;
}

@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<string, JobHandler>();
  readonly schedules: JobSchedule[] = [];

  register(type: string, handler: JobHandler): void {
    if (this.handlers.has(type)) throw new Error(`a handler for ${type} is already registered`);
    this.handlers.set(type, handler);
  }

  /** A recurring scan, run by the queue's job scheduler so several workers never double-run it. */
  schedule(type: string, everyMs: number, handler: JobHandler): void {
    this.register(type, handler);
    this.schedules.push({ type, everyMs });
  }

  async dispatch(type: string, data: JobData): Promise<void> {
    const handler = this.handlers.get(type);
    if (!handler) throw new Error(`no handler for job ${type}`);
    await handler(data);
  }
}
