/** Outbox event types raised by the pathways domain. */
export const PHQ9_URGENT = 'pathway.phq9-item9-positive';
