import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate } from './pagination';
import { normalisePostcode } from './postcode.rules';

/** A UK postcode in BS7666 shape (any case and spacing); malformed is a 400. */
export function IsUkPostcode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUkPostcode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a UK postcode, e.g. LS1 4AP`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.length <= 10 && normalisePostcode(value) !== null },
    });
}

/** A real calendar date written YYYY-MM-DD. */
export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateOnly',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}

/** A date and time with its offset (2026-03-09T14:30:00Z or +01:00): an instant, with a real calendar date. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

export function isInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  return match !== null && isIsoDate(match[1]) && !Number.isNaN(Date.parse(value));
}

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date and time with its offset, e.g. 2026-03-09T14:30:00Z`, ...options },
      validator: { validate: isInstant },
    });
}

/** The largest value of PostgreSQL's integer: every whole-number field is bounded by it at most. */
export const MAX_INTEGER = 2_147_483_647;

/** A record version as the client last saw it (optimistic concurrency). */
export function IsVersion(): PropertyDecorator {
  return applyDecorators(IsInt(), Min(1), Max(MAX_INTEGER));
}
