import { defineEvent } from '@carepath/database';

/** Events the referrals domain raises; any library may subscribe to them. */
export const REFERRAL_TRIAGED = defineEvent<{ referralId: string; statusChangeId: string }>('referral.triaged', 'Referral', 'referralId');

/** A scheduled scan: open patient-initiated delays that have passed 6 weeks get a review task. */
export const DELAY_REVIEW_SCAN = 'referrals.delay-review-scan';
