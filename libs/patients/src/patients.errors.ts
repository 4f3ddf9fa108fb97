import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@carepath/common';

export enum PatientErrorCode {
  PatientNotFound = 'PATIENT_NOT_FOUND',
  ConsentNotFound = 'CONSENT_NOT_FOUND',
  PatientExists = 'PATIENT_EXISTS',
  ConsentAlreadyActive = 'CONSENT_ALREADY_ACTIVE',
  ConsentAlreadyWithdrawn = 'CONSENT_ALREADY_WITHDRAWN',
  InvalidNhsNumber = 'INVALID_NHS_NUMBER',
  DateOfBirthInFuture = 'DATE_OF_BIRTH_IN_FUTURE',
  DateOfBirthTooEarly = 'DATE_OF_BIRTH_TOO_EARLY',
  UnknownPractice = 'UNKNOWN_PRACTICE',
  UnknownVcsOrganisation = 'UNKNOWN_VCS_ORGANISATION',
}

const STATUS: Record<PatientErrorCode, HttpStatus> = {
  [PatientErrorCode.PatientNotFound]: HttpStatus.NOT_FOUND,
  [PatientErrorCode.ConsentNotFound]: HttpStatus.NOT_FOUND,
  [PatientErrorCode.PatientExists]: HttpStatus.CONFLICT,
  [PatientErrorCode.ConsentAlreadyActive]: HttpStatus.CONFLICT,
  [PatientErrorCode.ConsentAlreadyWithdrawn]: HttpStatus.CONFLICT,
  [PatientErrorCode.InvalidNhsNumber]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PatientErrorCode.DateOfBirthInFuture]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PatientErrorCode.DateOfBirthTooEarly]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PatientErrorCode.UnknownPractice]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PatientErrorCode.UnknownVcsOrganisation]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The one error of patients and consent; its code decides the HTTP status. */
export class PatientError extends DomainError {
  constructor(code: PatientErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}
