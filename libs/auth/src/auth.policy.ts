import type { PolicyDefiner } from './ability.factory';

/** Users and organisations: everyone reads themselves; an admin manages their own organisation's users. */
export const authPolicy: PolicyDefiner = (actor, { can }) => {
  can('read', 'User', { id: actor.userId });
  can('read', 'Organisation');
  if (actor.role === 'admin') {
    can('read', 'User', { organisationId: actor.organisationId });
    can('create', 'User', { organisationId: actor.organisationId });
    can('update', 'User', { organisationId: actor.organisationId });
    can('create', 'Organisation');
  }
};
