import type { CapacityStatus, Category, Day, DirectoryServiceResponse, ScheduleResponse } from '@carepath/directory';
import { CAPACITY_STATUSES, CATEGORIES, DAYS, MAX_RADIUS_KM, SearchDirectoryQuery } from '@carepath/directory';
import { formError, text, validateForm } from './forms';
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

export const SEARCH_LABELS = { postcode: 'Postcode', radiusKm: 'Distance', category: 'Type of support', day: 'Day', q: 'Words' };
const KM_PER_MILE = 1.609344;
const PAGE_SIZE = 20;
/** A directory search form's fields: all a results page carries in its address (never patient data). */
const SEARCH_FIELDS = ['postcode', 'distance', 'units', 'category', 'day', 'q'] as const;

export type SearchValues = Record<(typeof SEARCH_FIELDS)[number], string>;

/** A directory search form's values as typed (5 miles unless the user said otherwise). */
export function searchValuesOf(query: Record<string, unknown>): SearchValues {
  const values = Object.fromEntries(
    SEARCH_FIELDS.map((f) => [f, typeof query[f] === 'string' ? (query[f] as string).slice(0, 200) : '']),
  ) as SearchValues;
  values.units = values.units === 'km' ? 'km' : 'miles';
  values.distance ||= '5';
  return values;
}

/** The search form as the API's search query: the distance, in the units chosen, becomes radiusKm. */
export async function searchQuery(values: SearchValues, cursor: string | undefined): Promise<SearchDirectoryQuery> {
  if (!text(values.postcode)) throw formError('Enter a postcode, like LS1 4AP', 'postcode');
  const distance = text(values.distance) ?? '';
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(distance)) throw formError('Distance must be a number, like 5', 'radiusKm');
  const radiusKm = Number(distance) * (values.units === 'km' ? 1 : KM_PER_MILE);
  if (radiusKm < 0.1 || radiusKm > MAX_RADIUS_KM)
    throw formError(`Distance must be between 0.1 and ${MAX_RADIUS_KM} km (${Math.floor(MAX_RADIUS_KM / KM_PER_MILE)} miles)`, 'radiusKm');
  return validateForm(
    SearchDirectoryQuery,
    {
      postcode: values.postcode,
      radiusKm,
      category: text(values.category),
      day: text(values.day),
      q: text(values.q),
      cursor,
      limit: PAGE_SIZE,
    },
    SEARCH_LABELS,
  );
}
