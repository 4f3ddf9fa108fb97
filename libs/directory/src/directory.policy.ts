import type { PolicyDefiner } from '@carepath/auth';

/** Everyone signed in may search; pain-service admins edit any entry; a social prescriber edits their own organisation's. */
export const directoryPolicy: PolicyDefiner = (actor, { can }) => {
  can('read', 'DirectoryService');
  if (actor.organisationType === 'pain-service' && actor.role === 'admin') {
    can('create', 'DirectoryService');
    can('update', 'DirectoryService');
  }
  if (actor.organisationType === 'vcs' && actor.role === 'social_prescriber') {
    can('create', 'DirectoryService', { organisationId: actor.organisationId });
    can('update', 'DirectoryService', { organisationId: actor.organisationId });
  }
};
