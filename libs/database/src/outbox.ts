import { EntityManager } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids only; anything else would put patient data into the queue. */
export type EventPayload = Record<string, string>;

/**
 * An event a library raises, exported from its index.ts so other libraries can subscribe without the emitter
 * knowing them. `aggregateId` names the payload field holding the id of the record that changed.
 */
export interface EventContract<P extends EventPayload = EventPayload> {
  readonly type: string;
  readonly aggregateType: string;
  readonly aggregateId: keyof P & string;
  /** Never set: carries the payload's type to writeOutbox and to subscribers. */
  readonly payload?: P;
}

/** What a subscriber receives: the event's ids and the outbox row's id (a key for carrying the effect out once). */
export type DeliveredEvent<P extends EventPayload> = P & { outboxId: string };

export function defineEvent<P extends EventPayload>(type: string, aggregateType: string, aggregateId: keyof P & string): EventContract<P> {
  return { type, aggregateType, aggregateId };
}

/** Records an event inside the caller's transaction; the relay publishes it to its subscribers after commit. */
export async function writeOutbox<P extends EventPayload>(manager: EntityManager, event: EventContract<P>, payload: P): Promise<OutboxEvent> {
  for (const [key, value] of Object.entries(payload)) {
    if (!UUID.test(value)) throw new Error(`outbox payload ${key} must be an id`);
  }
  const outbox = manager.getRepository(OutboxEvent);
  return outbox.save(outbox.create({ type: event.type, aggregateType: event.aggregateType, aggregateId: payload[event.aggregateId], payload }));
}
