import type { Environment } from 'nunjucks';
import { formatNhsNumber } from '@carepath/patients';
import { percent, signed } from './charts';

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const LONDON_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

const ROLE_NAMES: Record<string, string> = {
  admin: 'Admin',
  clinician: 'Clinician',
  social_prescriber: 'Social prescriber',
  gp: 'GP',
  service_manager: 'Service manager',
};

/** "3 March 2026": a calendar date (YYYY-MM-DD) as written, an instant as the day it was in London. */
export function formatDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return DATE.format(new Date(`${value}T00:00:00Z`));
  const instant = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(instant.getTime()) ? String(value) : LONDON_DATE.format(instant);
}

/** "3 March 2026 at 2:05pm", London time. */
export function formatDateTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const instant = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(instant.getTime())) return String(value);
  return `${LONDON_DATE.format(instant)} at ${LONDON_TIME.format(instant).replace(' ', '').toLowerCase()}`;
}

/** Words the clinic writes in capitals, whatever case an enum value has. */
const ACRONYMS = new Set(['mdt', 'dna', 'gp', 'rtt', 'phq9', 'gad7', 'pseq', 'nrs', 'eq5d5l', 'vcs', 'bsl', 'tens', 'nhs', 'ot']);

/** "large-print" or "awaiting_triage" as "Large print", "Awaiting triage"; "mdt-action" as "MDT action". */
export function humanise(value: unknown): string {
  const text = String(value ?? '')
    .replace(/[-_]+/g, ' ')
    .trim()
    .replace(/\b[a-z0-9]+\b/gi, (word) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A wait in days as "3 weeks 2 days" ("1 week", "4 days", "0 days"). */
export function weeksAndDays(value: unknown): string {
  const days = Math.max(0, Math.floor(Number(value) || 0));
  const [weeks, rest] = [Math.floor(days / 7), days % 7];
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (weeks === 0) return part(rest, 'day');
  return rest === 0 ? part(weeks, 'week') : `${part(weeks, 'week')} ${part(rest, 'day')}`;
}

/** A waiting list or therapy by its name in the clinic: "Pain management programme", "TENS". */
export function modalityName(value: unknown): string {
  return value === 'tens' ? 'TENS' : humanise(value);
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "March 2026" for a month written YYYY-MM. */
export function formatMonth(value: unknown): string {
  return typeof value === 'string' && /^\d{4}-\d{2}$/.test(value) ? MONTH.format(new Date(`${value}-01T00:00:00Z`)) : String(value ?? '');
}

/** A figure a report may not have: the number, or "–". */
const orDash = (value: unknown) => (typeof value === 'number' ? String(value) : '–');

/** The filters every view may use; all output is still escaped by the environment. */
export function registerViewFilters(env: Environment): void {
  env.addFilter('nhsNumber', (value: unknown) => (typeof value === 'string' ? formatNhsNumber(value) : ''));
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('humanise', humanise);
  env.addFilter('weeksAndDays', weeksAndDays);
  env.addFilter('modality', modalityName);
  env.addFilter('roleName', (role: unknown) => ROLE_NAMES[String(role)] ?? humanise(role));
  env.addFilter('month', formatMonth);
  // Report figures: a share as "25%", a change with its sign ("+3", "−2"), "–" where there is none.
  env.addFilter('percent', (value: unknown) => (typeof value === 'number' ? percent(value) : '–'));
  env.addFilter('signed', (value: unknown) => (typeof value === 'number' ? signed(value) : '–'));
  env.addFilter('orDash', orDash);
}
