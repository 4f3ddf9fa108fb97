import { defineEvent } from '@carepath/database';

/** Events the referrals domain raises; any library may subscribe to them. */
/** A referral was taken in (status `received`, the RTT clock started). */
export const REFERRAL_RECEIVED = defineEvent<{ referralId: string; statusChangeId: string }>('referral.received', 'Referral', 'referralId');
/** A referral was discharged (back to the GP: a non-treatment stop if the clock was running). */
export const REFERRAL_DISCHARGED = defineEvent<{ referralId: string; statusChangeId: string }>(
  'referral.discharged',
  'Referral',
  'referralId',
);
export const REFERRAL_TRIAGED = defineEvent<{ referralId: string; statusChangeId: string }>('referral.triaged', 'Referral', 'referralId');

/** A scheduled scan: open patient-initiated delays that have passed 6 weeks get a review task. */
export const DELAY_REVIEW_SCAN = 'referrals.delay-review-scan';
