/** Outbox event types raised by the referrals domain. */
export const REFERRAL_TRIAGED = 'referral.triaged';
/** A scheduled scan: open patient-initiated delays that have passed 6 weeks get a review task. */
export const DELAY_REVIEW_SCAN = 'referrals.delay-review-scan';
