import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@carepath/common';

export enum DirectoryErrorCode {
  DirectoryServiceNotFound = 'DIRECTORY_SERVICE_NOT_FOUND',
  ServiceNotFound = 'SERVICE_NOT_FOUND',
  UnknownVcsOrganisation = 'UNKNOWN_VCS_ORGANISATION',
  UnknownOutcode = 'UNKNOWN_OUTCODE',
}

const STATUS: Record<DirectoryErrorCode, HttpStatus> = {
  [DirectoryErrorCode.DirectoryServiceNotFound]: HttpStatus.NOT_FOUND,
  [DirectoryErrorCode.ServiceNotFound]: HttpStatus.NOT_FOUND,
  [DirectoryErrorCode.UnknownVcsOrganisation]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DirectoryErrorCode.UnknownOutcode]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The one error of the service directory and the postcode gazetteer; its code decides the HTTP status. */
export class DirectoryError extends DomainError {
  constructor(code: DirectoryErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}
