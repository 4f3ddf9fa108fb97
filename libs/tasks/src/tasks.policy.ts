import type { PolicyDefiner } from '@carepath/auth';

/** Clinical tasks of a pain service: a clinician's own; admins the unassigned ones. */
export const tasksPolicy: PolicyDefiner = (actor, { can }) => {
  if (actor.organisationType !== 'pain-service') return;
  if (actor.role === 'clinician') {
    can('read', 'Task', { serviceId: actor.organisationId, assigneeUserId: actor.userId });
    can('update', 'Task', { serviceId: actor.organisationId, assigneeUserId: actor.userId });
  }
  if (actor.role === 'admin') {
    can('read', 'Task', { serviceId: actor.organisationId, assigneeUserId: null });
    can('update', 'Task', { serviceId: actor.organisationId, assigneeUserId: null });
  }
};
