import { defineEvent } from '@carepath/database';

/** A letter was approved (or resent) and waits for delivery by every transport. */
export const LETTER_QUEUED = defineEvent<{ letterId: string; statusChangeId: string }>('letter.queued', 'Letter', 'letterId');
/** A letter was delivered, failed, or was acknowledged by the GP: the approving clinician hears of it. */
export const LETTER_CHANGED = defineEvent<{ letterId: string; statusChangeId: string }>('letter.changed', 'Letter', 'letterId');

/** The daily scan for letters due after an attended assessment or an MDT decision. */
export const LETTERS_OVERDUE_SCAN = 'letters.overdue-scan';
