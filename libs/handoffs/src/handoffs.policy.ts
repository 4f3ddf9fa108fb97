import type { PolicyDefiner } from '@carepath/auth';

/**
 * Clinicians of the pain service make and follow handoffs; a social
 * prescriber sees and moves on only those addressed to their organisation
 * (and, checked on every read, only while the patient's consent is active).
 */
export const handoffsPolicy: PolicyDefiner = (actor, { can }) => {
  if (actor.organisationType === 'pain-service' && actor.role === 'clinician') {
    can('create', 'Handoff', { serviceId: actor.organisationId });
    can('read', 'Handoff', { serviceId: actor.organisationId });
    can('update', 'Handoff', { serviceId: actor.organisationId });
  }
  if (actor.organisationType === 'vcs' && actor.role === 'social_prescriber') {
    can('read', 'Handoff', { organisationId: actor.organisationId });
    can('update', 'Handoff', { organisationId: actor.organisationId });
  }
};
