import { Type } from '@nestjs/common';
import { createValidationPipe, DomainError, FieldError } from '@carepath/common';

/** What a form shows on failure: the NHS error summary (linked to each field) and each field's inline message. */
export interface FormErrors {
  summary: { text: string; href: string }[];
  fields: Record<string, string>;
}

/** The labels a form shows, by API field name, so messages read "Date of birth must be …" rather than "dateOfBirth …". */
export type FieldLabels = Record<string, string>;

const pipe = createValidationPipe();

/** Thrown when a form fails: the page re-renders itself with these errors and the values entered. */
export class FormInvalid extends Error {
  constructor(readonly errors: FormErrors) {
    super('form invalid');
  }
}

/** A problem the page itself finds: shown in the error summary, and beside `field` when one is named. */
export function formError(message: string, field?: string): FormInvalid {
  return new FormInvalid({
    summary: [{ text: message, href: field ? `#${field}` : '#main-form' }],
    fields: field ? { [field]: message } : {},
  });
}

/** The field id a message links to: `communicationNeeds.interpreterLanguage` is the input `interpreterLanguage`. */
function fieldId(field: string): string {
  return (
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? field
  );
}

/** class-validator's default wording, as the NHS writes error messages ("Enter…", "Select…"). */
const NHS_WORDING: [RegExp, (label: string, match: RegExpExecArray) => string][] = [
  [/^(must be longer than or equal to 1 characters?|should not be empty|must be a string)$/, (label) => `Enter ${lowerFirst(label)}`],
  [/^must be an email$/, () => 'Enter an email address in the correct format, like name@example.com'],
  [/^must be one of the following values: .*$/, (label) => `Select ${lowerFirst(label)}`],
  [/^must be an integer number$|^must be a number.*$/, (label) => `${label} must be a whole number`],
  [/^must not be greater than (\S+)$/, (label, m) => `${label} must be ${m[1]} or less`],
  [/^must not be less than (\S+)$/, (label, m) => `${label} must be ${m[1]} or more`],
  [/^must be shorter than or equal to (\d+) characters$/, (label, m) => `${label} must be ${m[1]} characters or fewer`],
  [/^must be a date and time with its offset, e\.g\. .*$/, (label) => `${label} must be a real date and a time, like 14:30`],
  [/^must be a date written YYYY-MM-DD$/, (label) => `${label} must be a real date`],
  [/^must be a UUID$/, (label) => `Select ${lowerFirst(label)}`],
];

function lowerFirst(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function readable(field: string, message: string, labels: FieldLabels): string {
  const id = fieldId(field);
  const label = labels[id] ?? labels[field];
  if (!label) return message;
  const property = field.split('.').pop() ?? field;
  const rest = message.startsWith(`${field} `)
    ? message.slice(field.length + 1)
    : message.startsWith(`${property} `)
      ? message.slice(property.length + 1)
      : null;
  if (rest === null) return message;
  for (const [pattern, say] of NHS_WORDING) {
    const match = pattern.exec(rest);
    if (match) return say(label, match);
  }
  return `${label} ${rest}`;
}

/** The errors a form shows for a failure the API would answer 4xx; anything else is not the user's to fix. */
export function formErrorsOf(error: unknown, labels: FieldLabels = {}): FormErrors | null {
  if (error instanceof FormInvalid) return error.errors;
  if (!(error instanceof DomainError) || error.statusCode >= 500 || error.statusCode === 401 || error.statusCode === 404) return null;
  const details = error.details as { fields?: FieldError[]; field?: string } | undefined;
  const fieldErrors: FieldError[] = details?.fields ?? (details?.field ? [{ field: details.field, messages: [error.message] }] : []);
  if (fieldErrors.length === 0) return { summary: [{ text: error.message, href: '#main-form' }], fields: {} };
  const fields: Record<string, string> = {};
  for (const { field, messages } of fieldErrors) {
    // A field left empty or mistyped fails several checks: "Enter …", then "… must be a whole number", say what to fix.
    const worded = messages.map((message) => readable(field, message, labels));
    fields[fieldId(field)] ??=
      worded.find((message) => /^(Enter|Select) /.test(message)) ??
      worded.find((message) => / must be a whole number$/.test(message)) ??
      worded[0];
  }
  return { summary: Object.entries(fields).map(([id, text]) => ({ text, href: `#${id}` })), fields };
}

/**
 * The form's values as the API's request DTO, checked by the very validation the API uses (the global pipe's
 * options): unknown fields, wrong types and bounds fail the same way, and name the same fields.
 */
export async function validateForm<T extends object>(dto: Type<T>, input: Record<string, unknown>, labels: FieldLabels = {}): Promise<T> {
  try {
    return (await pipe.transform(input, { type: 'body', metatype: dto, data: '' })) as T;
  } catch (error) {
    const errors = formErrorsOf(error, labels);
    if (errors) throw new FormInvalid(errors);
    throw error;
  }
}

/** Runs `action`; a failure the user can fix becomes FormInvalid, so the page re-renders with it. */
export async function submitForm<T>(action: () => Promise<T>, labels: FieldLabels = {}): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const errors = formErrorsOf(error, labels);
    if (errors) throw new FormInvalid(errors);
    throw error;
  }
}

/**
 * The NHS wording for a field's errors ("Enter the reason for referral") in place of the validator's ("reason must
 * be shorter than …"): any failure of a field named in `messages` reads as its message.
 */
export function inPlainWords(error: unknown, messages: Record<string, string>): unknown {
  if (!(error instanceof FormInvalid)) return error;
  const fields = Object.fromEntries(Object.entries(error.errors.fields).map(([id, text]) => [id, messages[id] ?? text]));
  return new FormInvalid({ summary: error.errors.summary.map((s) => ({ ...s, text: fields[s.href.slice(1)] ?? s.text })), fields });
}

/** A text field: trimmed, line breaks as `\n` (browsers send a textarea's as CRLF), and absent when blank (so optional fields stay optional). */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\r\n?/g, '\n').trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A checkbox group: always an array. */
export function list(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** An integer field, or the text as typed so validation names it. */
export function integer(value: unknown): number | string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  return /^-?\d{1,9}$/.test(raw) ? Number(raw) : raw;
}

/** The NHS date input's three boxes (`<name>-day`, `-month`, `-year`) as YYYY-MM-DD, or what was typed. */
export function dateParts(body: Record<string, unknown>, name: string): string | undefined {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(body[`${name}-${part}`]) ?? '');
  if (!day && !month && !year) return undefined;
  if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)) {
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  }
  return `${year}-${month}-${day}`;
}

const LONDON_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * A time on a day as the clinic says it: the NHS date input (`<name>-day`, `-month`, `-year`) and a time box
 * (`<name>-time`, "14:30" or "9.30"), read as London time, as an ISO instant; otherwise what was typed, so the
 * API's validation names the field.
 */
export function dateTimeParts(body: Record<string, unknown>, name: string): string | undefined {
  const date = dateParts(body, name);
  const time = text(body[`${name}-time`]);
  if (date === undefined && time === undefined) return undefined;
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(time ?? '');
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !match || Number(match[1]) > 23 || Number(match[2]) > 59) {
    return `${date ?? ''}T${time ?? ''}`;
  }
  const wall = Date.parse(`${date}T${match[1].padStart(2, '0')}:${match[2]}:00Z`);
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== date) return `${date}T${time}`;
  // London is GMT or BST (UTC+1): the instant is the one whose London clock reads what was typed.
  const bst = new Date(wall - 3_600_000);
  const clock = `${match[1].padStart(2, '0')}:${match[2]}`;
  return (LONDON_CLOCK.format(bst) === clock ? bst : new Date(wall)).toISOString();
}
