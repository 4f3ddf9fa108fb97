import { defineEvent } from '@carepath/database';

/** Events the handoffs domain raises; any library may subscribe to them. */
export const HANDOFF_CHANGED = defineEvent<{ handoffId: string; changeId: string }>('handoff.changed', 'Handoff', 'handoffId');
