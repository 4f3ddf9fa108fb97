import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@carepath/common';

export enum MdtErrorCode {
  MeetingNotFound = 'MDT_MEETING_NOT_FOUND',
  PathwayNotFound = 'MDT_PATHWAY_NOT_FOUND',
  NotAClinicianOfTheService = 'NOT_A_CLINICIAN_OF_THE_SERVICE',
  FlagAlreadyOpen = 'MDT_FLAG_ALREADY_OPEN',
  NoOpenFlag = 'MDT_NO_OPEN_FLAG',
  PathwayNotReviewable = 'MDT_PATHWAY_NOT_REVIEWABLE',
  MeetingNotPlanned = 'MDT_MEETING_NOT_PLANNED',
  MeetingNotInProgress = 'MDT_MEETING_NOT_IN_PROGRESS',
  MeetingClosed = 'MDT_MEETING_CLOSED',
  CaseNotOnList = 'MDT_CASE_NOT_ON_LIST',
  CaseAlreadyOnList = 'MDT_CASE_ALREADY_ON_LIST',
  DecisionExists = 'MDT_DECISION_EXISTS',
  NothingToAmend = 'MDT_NOTHING_TO_AMEND',
}

const STATUS: Record<MdtErrorCode, HttpStatus> = {
  [MdtErrorCode.MeetingNotFound]: HttpStatus.NOT_FOUND,
  [MdtErrorCode.PathwayNotFound]: HttpStatus.NOT_FOUND,
  [MdtErrorCode.NotAClinicianOfTheService]: HttpStatus.UNPROCESSABLE_ENTITY,
  [MdtErrorCode.FlagAlreadyOpen]: HttpStatus.CONFLICT,
  [MdtErrorCode.NoOpenFlag]: HttpStatus.CONFLICT,
  [MdtErrorCode.PathwayNotReviewable]: HttpStatus.CONFLICT,
  [MdtErrorCode.MeetingNotPlanned]: HttpStatus.CONFLICT,
  [MdtErrorCode.MeetingNotInProgress]: HttpStatus.CONFLICT,
  [MdtErrorCode.MeetingClosed]: HttpStatus.CONFLICT,
  [MdtErrorCode.CaseNotOnList]: HttpStatus.CONFLICT,
  [MdtErrorCode.CaseAlreadyOnList]: HttpStatus.CONFLICT,
  [MdtErrorCode.DecisionExists]: HttpStatus.CONFLICT,
  [MdtErrorCode.NothingToAmend]: HttpStatus.CONFLICT,
};

/** The one error of MDT reviews; its code decides the HTTP status. */
export class MdtError extends DomainError {
  constructor(code: MdtErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}
