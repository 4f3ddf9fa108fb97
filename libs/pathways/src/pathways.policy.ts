import type { PolicyDefiner } from '@carepath/auth';

/**
 * Clinicians of the service see and write pathways and outcome measures;
 * admins see pathway summaries, sessions and counters (never outcome answers
 * or session notes) and book sessions; GPs and social prescribers see nothing
 * here.
 */
export const pathwaysPolicy: PolicyDefiner = (actor, { can }) => {
  if (actor.organisationType !== 'pain-service') return;
  const own = { serviceId: actor.organisationId };
  if (actor.role === 'clinician') {
    can('read', 'Pathway', own);
    can('create', 'Pathway', own);
    can('update', 'Pathway', own);
    can('schedule', 'Pathway', own);
    can('read', 'Outcome', own);
    can('create', 'Outcome', own);
  }
  if (actor.role === 'admin') {
    can('read', 'Pathway', own);
    can('schedule', 'Pathway', own);
  }
};
