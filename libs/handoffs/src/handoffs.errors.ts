import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@carepath/common';

export enum HandoffErrorCode {
  HandoffNotFound = 'HANDOFF_NOT_FOUND',
  WrongSide = 'WRONG_SIDE',
  UnknownDirectoryService = 'UNKNOWN_DIRECTORY_SERVICE',
  ConsentNotActive = 'CONSENT_NOT_ACTIVE',
}

const STATUS: Record<HandoffErrorCode, HttpStatus> = {
  [HandoffErrorCode.HandoffNotFound]: HttpStatus.NOT_FOUND,
  [HandoffErrorCode.WrongSide]: HttpStatus.CONFLICT,
  [HandoffErrorCode.UnknownDirectoryService]: HttpStatus.UNPROCESSABLE_ENTITY,
  [HandoffErrorCode.ConsentNotActive]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The one error of community handoffs; its code decides the HTTP status. */
export class HandoffError extends DomainError {
  constructor(code: HandoffErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}
