import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@carepath/common';

export enum DatabaseErrorCode {
  IdempotencyKeyInvalid = 'IDEMPOTENCY_KEY_INVALID',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  IdempotencyKeyInProgress = 'IDEMPOTENCY_KEY_IN_PROGRESS',
}

const STATUS: Record<DatabaseErrorCode, HttpStatus> = {
  [DatabaseErrorCode.IdempotencyKeyInvalid]: HttpStatus.BAD_REQUEST,
  [DatabaseErrorCode.IdempotencyKeyReused]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DatabaseErrorCode.IdempotencyKeyInProgress]: HttpStatus.CONFLICT,
};

/** The one error of the database library (today: replaying requests by their Idempotency-Key). */
export class DatabaseError extends DomainError {
  constructor(code: DatabaseErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}
