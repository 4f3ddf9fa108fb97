import { Injectable } from '@nestjs/common';
import { JobData } from './job-queue';

export type JobHandler = (data: JobData) => Promise<void>;

/** Maps an outbox event type to the domain code that carries out its effect. */
@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<string, JobHandler>();

  register(type: string, handler: JobHandler): void {
    if (this.handlers.has(type)) throw new Error(`a handler for ${type} is already registered`);
    this.handlers.set(type, handler);
  }

  async dispatch(type: string, data: JobData): Promise<void> {
    const handler = this.handlers.get(type);
    if (!handler) throw new Error(`no handler for job ${type}`);
    await handler(data);
  }
}
