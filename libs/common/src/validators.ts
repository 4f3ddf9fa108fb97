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

/** The largest value of PostgreSQL's integer: every whole-number field is bounded by it at most. */
export const MAX_INTEGER = 2_147_483_647;

/** A record version as the client last saw it (optimistic concurrency). */
export function IsVersion(): PropertyDecorator {
  return applyDecorators(IsInt(), Min(1), Max(MAX_INTEGER));
}
