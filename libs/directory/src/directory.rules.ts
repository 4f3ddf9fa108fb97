/**
 * Directory rules: categories, days, capacity, and distance on the Earth's
 * surface for radius search. Pure functions, no I/O.
 */

export const CATEGORIES = [
  'physical-activity',
  'movement-tai-chi',
  'peer-support',
  'volunteering',
  'social-connection',
  'mental-wellbeing',
  'practical-housing',
  'practical-money',
  'practical-food',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

export const CAPACITY_STATUSES = ['open', 'waitlist', 'full'] as const;
export type CapacityStatus = (typeof CAPACITY_STATUSES)[number];

export const MAX_RADIUS_KM = 200;
export const EARTH_RADIUS_KM = 6371.0088; // mean Earth radius (IUGG)

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance by the haversine formula, in kilometres. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A latitude/longitude box that contains every point within `radiusKm` (so an index can narrow the search first). */
export function boundingBox(
  lat: number,
  lon: number,
  radiusKm: number,
): { minLat: number; maxLat: number; minLon: number; maxLon: number } {
  const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const dLon = dLat / Math.max(Math.cos(rad(lat)), 1e-6);
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}

/** RRULE BYDAY codes for our day names. */
const BYDAY: Record<string, Day> = { MO: 'mon', TU: 'tue', WE: 'wed', TH: 'thu', FR: 'fri', SA: 'sat', SU: 'sun' };

/** Days a schedule runs on: those given, else those of the RRULE's BYDAY. */
export function scheduleDays(days: readonly Day[] | undefined, rrule: string | undefined): Day[] {
  if (days && days.length) return [...new Set(days)];
  const byDay = /(?:^|;)BYDAY=([A-Z0-9,+-]+)/.exec(rrule ?? '')?.[1];
  if (!byDay) return [];
  return [
    ...new Set(
      byDay
        .split(',')
        .map((d) => BYDAY[d.replace(/^[+-]?\d+/, '')])
        .filter(Boolean),
    ),
  ];
}
