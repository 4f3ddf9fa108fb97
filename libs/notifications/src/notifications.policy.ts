import type { PolicyDefiner } from '@carepath/auth';

/** Everyone reads and marks their own notifications. */
export const notificationsPolicy: PolicyDefiner = (actor, { can }) => {
  can('read', 'Notification', { userId: actor.userId });
  can('update', 'Notification', { userId: actor.userId });
};
