import { Param, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailed } from './errors';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Unknown fields, wrong types and over-long strings are a 400 that names the fields. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
  });
}

/** A UUID route parameter; anything else is a 400 naming the parameter. */
export function UuidParam(name = 'id'): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({ exceptionFactory: () => new ValidationFailed([{ field: name, messages: [`${name} must be a UUID`] }]) }),
  );
}

/** A route parameter that must be one of `values`; anything else is a 400 naming the parameter. */
export function EnumParam(name: string, values: readonly string[]): ParameterDecorator {
  return Param(name, {
    transform: (value: string) => {
      if (!values.includes(value))
        throw new ValidationFailed([{ field: name, messages: [`${name} must be one of: ${values.join(', ')}`] }]);
      return value;
    },
  });
}
