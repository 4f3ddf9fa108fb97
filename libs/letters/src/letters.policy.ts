import type { PolicyDefiner } from '@carepath/auth';

/**
 * Clinicians of the service write, approve and read its letters; admins read them and resend failed deliveries; a
 * GP reads the letters delivered to their practice's inbox. Acknowledging is open to every role but matches only
 * a letter delivered to the actor's own organisation, which only a GP of the patient's practice has: anyone else
 * gets the same 404 as for a letter that does not exist.
 */
export const lettersPolicy: PolicyDefiner = (actor, { can }) => {
  can('acknowledge', 'Letter', { practiceId: actor.organisationId, inGpInbox: true });
  if (actor.organisationType === 'pain-service') {
    const own = { serviceId: actor.organisationId };
    if (actor.role === 'clinician') {
      can('create', 'Letter', own);
      can('read', 'Letter', own);
      can('update', 'Letter', own);
      can('approve', 'Letter', own);
    }
    if (actor.role === 'admin') {
      can('read', 'Letter', own);
      can('resend', 'Letter', own);
      can('update', 'Letterhead', own);
    }
  }
  if (actor.organisationType === 'gp-practice' && actor.role === 'gp') {
    can('read', 'Letter', { practiceId: actor.organisationId, inGpInbox: true });
  }
};
