import type { CapacityStatus, Category, Day, DirectoryServiceResponse, ScheduleResponse } from '@carepath/directory';
import { CAPACITY_STATUSES, CATEGORIES, DAYS } from '@carepath/directory';
import { formatDate } from './view-filters';

/** How the directory's categories, days and capacity read on a page (the public search and the directory editors'). */
export const CATEGORY_NAMES: Record<Category, string> = {
  'physical-activity': 'Physical activity',
  'movement-tai-chi': 'Movement and Tai Chi',
  'peer-support': 'Peer support',
  volunteering: 'Volunteering',
  'social-connection': 'Meeting people',
  'mental-wellbeing': 'Mental wellbeing',
  'practical-housing': 'Help with housing',
  'practical-money': 'Help with money',
  'practical-food': 'Help with food',
};

export const DAY_NAMES: Record<Day, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export const CAPACITY: Record<CapacityStatus, { text: string; colour: string }> = {
  open: { text: 'Open to new people', colour: 'green' },
  waitlist: { text: 'Waiting list', colour: 'yellow' },
  full: { text: 'Full', colour: 'red' },
};

export const CATEGORY_OPTIONS = CATEGORIES.map((value) => ({ value, text: CATEGORY_NAMES[value] }));
export const DAY_OPTIONS = DAYS.map((value) => ({ value, text: DAY_NAMES[value] }));
export const CAPACITY_OPTIONS = CAPACITY_STATUSES.map((value) => ({ value, text: CAPACITY[value].text }));

/** "Mondays and Thursdays" from a list of days. */
function daysInWords(days: Day[]): string {
  const names = DAYS.filter((d) => days.includes(d)).map((d) => `${DAY_NAMES[d]}s`);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** When a service runs, in words: its own description, else its days; with its start and end dates when it has them. */
export function scheduleInWords(schedule: ScheduleResponse): string {
  const when = schedule.text ?? (schedule.days.length ? daysInWords(schedule.days) : 'Contact them for times');
  const from = schedule.validFrom ? ` From ${formatDate(schedule.validFrom)}.` : '';
  const until = schedule.validTo ? ` Until ${formatDate(schedule.validTo)}.` : '';
  return `${when}${from || until ? '.' : ''}${from}${until}`.replace(/\.\./g, '.');
}

/** "1.2 miles" or "2 km". */
export function distanceInWords(km: number | null, units: 'miles' | 'km'): string | null {
  if (km === null) return null;
  const value = units === 'miles' ? km / 1.609344 : km;
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${rounded} ${units === 'km' ? 'km' : rounded === 1 ? 'mile' : 'miles'}`;
}

/** A directory service with what its page shows in words. */
export function serviceView(service: DirectoryServiceResponse, units: 'miles' | 'km' = 'miles') {
  return {
    ...service,
    categoryNames: service.categories.map((c) => CATEGORY_NAMES[c]),
    when: scheduleInWords(service.schedule),
    capacity: CAPACITY[service.capacityStatus],
    distance: distanceInWords(service.distanceKm, units),
  };
}

/** A select's items: "any" first, then the options, the chosen one selected. */
export function selectItems(options: { value: string; text: string }[], chosen: string, anyText: string) {
  return [{ value: '', text: anyText }, ...options.map((o) => ({ ...o, selected: o.value === chosen }))];
}
