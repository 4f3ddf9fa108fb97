import type { PolicyDefiner } from '@carepath/auth';

/**
 * Clinicians of the service run the MDT: flags, meetings, case lists and decisions. Admins organise meetings from
 * what they can see (meetings, case lists, decisions and actions) but never read the clinical discussion
 * (`MdtDiscussion`). Service managers see counts only, through the MDT report. GPs and social prescribers see nothing
 * of the MDT.
 */
export const mdtPolicy: PolicyDefiner = (actor, { can }) => {
  if (actor.organisationType !== 'pain-service') return;
  const own = { serviceId: actor.organisationId };
  if (actor.role === 'clinician') {
    can('read', 'Mdt', own);
    can('create', 'Mdt', own);
    can('update', 'Mdt', own);
    can('read', 'MdtDiscussion', own);
  }
  if (actor.role === 'admin') can('read', 'Mdt', own);
};
