import { Injectable } from '@nestjs/common';
import { JobData } from './job-queue';
import { DeliveredEvent, EventContract, EventPayload } from './outbox';

export type JobHandler<D extends JobData = JobData> = (data: D) => Promise<unknown>;

export interface JobSchedule {
  name: string;
  everyMs: number;
}

/**
 * `<library>:<effect>`. A subscriber's job id is `<outbox id>:<subscriber>`, and BullMQ accepts a custom job id with
 * colons only when it has exactly three parts, so the name holds exactly one.
 */
const SUBSCRIBER_NAME = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/;

/**
 * The domain code behind every job: the subscribers of each event type (any number, each registered by the library
 * that reacts) and the recurring scans. Each subscriber gets its own job per event, so each effect is retried alone.
 */
@Injectable()
export class JobRegistry {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly subscribers = new Map<string, string[]>();
  readonly schedules: JobSchedule[] = [];

  subscribe<P extends EventPayload>(event: EventContract<P>, subscriber: string, handler: JobHandler<DeliveredEvent<P>>): void {
    if (!SUBSCRIBER_NAME.test(subscriber)) throw new Error(`subscriber name ${subscriber} must look like <library>:<effect>`);
    this.add(subscriber, handler as JobHandler);
    this.subscribers.set(event.type, [...this.subscribersOf(event.type), subscriber]);
  }

  /** A recurring scan, run by a BullMQ job scheduler so several workers never double-run it. */
  schedule(name: string, everyMs: number, handler: JobHandler): void {
    this.add(name, handler);
    this.schedules.push({ name, everyMs });
  }

  subscribersOf(type: string): readonly string[] {
    return this.subscribers.get(type) ?? [];
  }

  async dispatch(name: string, data: JobData): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no handler for job ${name}`);
    await handler(data);
  }

  private add(name: string, handler: JobHandler): void {
    if (this.handlers.has(name)) throw new Error(`a job named ${name} is already registered`);
    this.handlers.set(name, handler);
  }
}
