import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@carepath/common';

export enum PathwayErrorCode {
  PathwayNotFound = 'PATHWAY_NOT_FOUND',
  PathwayActivityNotFound = 'PATHWAY_ACTIVITY_NOT_FOUND',
  SessionNotFound = 'SESSION_NOT_FOUND',
  PathwayExists = 'PATHWAY_EXISTS',
  PathwayClosed = 'PATHWAY_CLOSED',
  PathwayEnteredInError = 'PATHWAY_ENTERED_IN_ERROR',
  ActivityNotBookable = 'ACTIVITY_NOT_BOOKABLE',
  AttendanceAlreadyRecorded = 'ATTENDANCE_ALREADY_RECORDED',
  LeadClinicianNotInService = 'LEAD_CLINICIAN_NOT_IN_SERVICE',
}

const STATUS: Record<PathwayErrorCode, HttpStatus> = {
  [PathwayErrorCode.PathwayNotFound]: HttpStatus.NOT_FOUND,
  [PathwayErrorCode.PathwayActivityNotFound]: HttpStatus.NOT_FOUND,
  [PathwayErrorCode.SessionNotFound]: HttpStatus.NOT_FOUND,
  [PathwayErrorCode.PathwayExists]: HttpStatus.CONFLICT,
  [PathwayErrorCode.PathwayClosed]: HttpStatus.CONFLICT,
  [PathwayErrorCode.PathwayEnteredInError]: HttpStatus.CONFLICT,
  [PathwayErrorCode.ActivityNotBookable]: HttpStatus.CONFLICT,
  [PathwayErrorCode.AttendanceAlreadyRecorded]: HttpStatus.CONFLICT,
  [PathwayErrorCode.LeadClinicianNotInService]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The one error of care pathways, activities, sessions and outcome measures; its code decides the HTTP status. */
export class PathwayError extends DomainError {
  constructor(code: PathwayErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}
