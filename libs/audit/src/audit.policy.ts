import type { PolicyDefiner } from '@carepath/auth';

/** The service's admins and managers may see who accessed their patients' records. */
export const auditPolicy: PolicyDefiner = (actor, { can }) => {
  if (actor.organisationType === 'pain-service' && (actor.role === 'admin' || actor.role === 'service_manager')) {
    can('read', 'AuditEvent', { organisationId: actor.organisationId });
  }
};
