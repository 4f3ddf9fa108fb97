import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@carepath/common';

export enum AuthErrorCode {
  UserNotFound = 'USER_NOT_FOUND',
  EmailTaken = 'EMAIL_TAKEN',
  OdsCodeTaken = 'ODS_CODE_TAKEN',
  RoleNotAllowed = 'ROLE_NOT_ALLOWED',
  DisciplineRequired = 'DISCIPLINE_REQUIRED',
  DisciplineOnlyForClinicians = 'DISCIPLINE_ONLY_FOR_CLINICIANS',
  CannotDisableSelf = 'CANNOT_DISABLE_SELF',
  OdsCodeRequired = 'ODS_CODE_REQUIRED',
}

const STATUS: Record<AuthErrorCode, HttpStatus> = {
  [AuthErrorCode.UserNotFound]: HttpStatus.NOT_FOUND,
  [AuthErrorCode.EmailTaken]: HttpStatus.CONFLICT,
  [AuthErrorCode.OdsCodeTaken]: HttpStatus.CONFLICT,
  [AuthErrorCode.RoleNotAllowed]: HttpStatus.UNPROCESSABLE_ENTITY,
  [AuthErrorCode.DisciplineRequired]: HttpStatus.UNPROCESSABLE_ENTITY,
  [AuthErrorCode.DisciplineOnlyForClinicians]: HttpStatus.UNPROCESSABLE_ENTITY,
  [AuthErrorCode.CannotDisableSelf]: HttpStatus.UNPROCESSABLE_ENTITY,
  [AuthErrorCode.OdsCodeRequired]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The one error of users, organisations and sign-in; its code decides the HTTP status. */
export class AuthError extends DomainError {
  constructor(code: AuthErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}
