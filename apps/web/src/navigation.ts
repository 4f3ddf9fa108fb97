import type { Role } from '@carepath/auth';

export interface NavItem {
  text: string;
  href: string;
}

/** The header's navigation for each role: the places that role's work starts from. */
export const NAVIGATION: Record<Role, NavItem[]> = {
  admin: [
    { text: 'Waiting lists', href: '/' },
    { text: 'Patients', href: '/patients' },
    { text: 'Tasks', href: '/tasks' },
    { text: 'Letters', href: '/letters/failed' },
    { text: 'Reports', href: '/reports' },
  ],
  clinician: [
    { text: 'My tasks', href: '/tasks' },
    { text: 'Triage', href: '/triage' },
    { text: 'Patients', href: '/patients' },
    { text: 'MDT', href: '/mdt' },
    { text: 'Letters', href: '/letters' },
  ],
  service_manager: [
    { text: 'Waiting lists', href: '/' },
    { text: 'Reports', href: '/reports' },
  ],
  gp: [
    { text: 'Referrals', href: '/gp/referrals' },
    { text: 'Letters', href: '/gp/letters' },
  ],
  social_prescriber: [
    { text: 'Handoffs', href: '/handoffs' },
    { text: 'Our directory entries', href: '/directory' },
  ],
};

/** Navigation items with the current section marked (the longest matching link wins). */
export function navigationFor(role: Role, path: string): (NavItem & { current?: boolean; active?: boolean })[] {
  const items = NAVIGATION[role] ?? [];
  const matches = (href: string) => path === href || (href !== '/' && path.startsWith(`${href}/`));
  const best = items.filter((item) => matches(item.href)).sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((item) => (item === best ? { ...item, current: path === item.href, active: path !== item.href } : item));
}
