import type { PolicyDefiner } from '@carepath/auth';

/**
 * Pain-service staff see their service's referrals and waiting lists; admins
 * take referrals in, book and correct; clinicians triage and make the clinical
 * decisions; a GP refers and follows their own practice's referrals.
 */
export const referralsPolicy: PolicyDefiner = (actor, { can }) => {
  if (actor.organisationType === 'pain-service') {
    const own = { serviceId: actor.organisationId };
    if (actor.role === 'admin' || actor.role === 'clinician' || actor.role === 'service_manager') {
      can('read', 'Referral', own);
      can('read', 'WaitingList', own);
      can('read', 'Capacity', own);
    }
    if (actor.role === 'admin' || actor.role === 'clinician') can('update', 'Referral', own);
    if (actor.role === 'admin') {
      can('create', 'Referral', own);
      can('correct', 'Referral', own);
      can('update', 'Capacity', own);
    }
    if (actor.role === 'clinician') can('triage', 'Referral', own);
    if (actor.role === 'admin' || actor.role === 'service_manager') can('read', 'Report', own);
  }
  if (actor.organisationType === 'gp-practice' && actor.role === 'gp') {
    can('read', 'Referral', { practiceId: actor.organisationId });
    can('create', 'Referral', { practiceId: actor.organisationId });
  }
};
