/** Outbox event types raised by the handoffs domain. */
export const HANDOFF_CHANGED = 'handoff.changed';
