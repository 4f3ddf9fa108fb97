import { EntityManager } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface OutboxMessage {
  type: string;
  aggregateType: string;
  aggregateId: string;
  /** Ids only; anything else would put patient data into the queue. */
  payload?: Record<string, string>;
}

/** Records a side effect inside the caller's transaction; the worker's relay publishes it after commit. */
export async function writeOutbox(manager: EntityManager, message: OutboxMessage): Promise<OutboxEvent> {
  const payload = message.payload ?? {};
  for (const [key, value] of Object.entries(payload)) {
    if (!UUID.test(value)) throw new Error(`outbox payload ${key} must be an id`);
  }
  return manager.getRepository(OutboxEvent).save(
    manager.getRepository(OutboxEvent).create({
      type: message.type,
      aggregateType: message.aggregateType,
      aggregateId: message.aggregateId,
      payload,
    }),
  );
}
