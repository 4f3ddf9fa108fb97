import type { PolicyDefiner } from '@carepath/auth';

/**
 * Pain-service staff see their service's patients; admins and clinicians keep
 * the record; a GP sees only patients registered at their practice; social
 * prescribers see no patient through this API (only handoffs, later).
 */
export const patientsPolicy: PolicyDefiner = (actor, { can }) => {
  if (actor.organisationType === 'pain-service') {
    if (actor.role === 'admin' || actor.role === 'clinician' || actor.role === 'service_manager') {
      can('read', 'Patient', { serviceId: actor.organisationId });
      can('read', 'Consent', { serviceId: actor.organisationId });
    }
    if (actor.role === 'admin' || actor.role === 'clinician') {
      can('create', 'Patient', { serviceId: actor.organisationId });
      can('update', 'Patient', { serviceId: actor.organisationId });
      can('create', 'Consent', { serviceId: actor.organisationId });
      can('update', 'Consent', { serviceId: actor.organisationId });
    }
  }
  if (actor.organisationType === 'gp-practice' && actor.role === 'gp') {
    can('read', 'Patient', { gpPracticeId: actor.organisationId });
  }
};
