import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@carepath/common';

export enum ReferralErrorCode {
  ReferralNotFound = 'REFERRAL_NOT_FOUND',
  AppointmentNotFound = 'APPOINTMENT_NOT_FOUND',
  CapacityNotFound = 'CAPACITY_NOT_FOUND',
  ExternalReferenceConflict = 'EXTERNAL_REFERENCE_CONFLICT',
  ReferralClosed = 'REFERRAL_CLOSED',
  ReferralNotAccepted = 'REFERRAL_NOT_ACCEPTED',
  ReferralNotAwaitingAppointment = 'REFERRAL_NOT_AWAITING_APPOINTMENT',
  AlreadyAssessed = 'ALREADY_ASSESSED',
  ClockNotRunning = 'CLOCK_NOT_RUNNING',
  NotInActiveMonitoring = 'NOT_IN_ACTIVE_MONITORING',
  ReceivedDateInFuture = 'RECEIVED_DATE_IN_FUTURE',
  DelayEndsBeforeItStarts = 'DELAY_ENDS_BEFORE_IT_STARTS',
  CommunicatedInFuture = 'COMMUNICATED_IN_FUTURE',
  NotTreatment = 'NOT_TREATMENT',
}

const STATUS: Record<ReferralErrorCode, HttpStatus> = {
  [ReferralErrorCode.ReferralNotFound]: HttpStatus.NOT_FOUND,
  [ReferralErrorCode.AppointmentNotFound]: HttpStatus.NOT_FOUND,
  [ReferralErrorCode.CapacityNotFound]: HttpStatus.NOT_FOUND,
  [ReferralErrorCode.ExternalReferenceConflict]: HttpStatus.CONFLICT,
  [ReferralErrorCode.ReferralClosed]: HttpStatus.CONFLICT,
  [ReferralErrorCode.ReferralNotAccepted]: HttpStatus.CONFLICT,
  [ReferralErrorCode.ReferralNotAwaitingAppointment]: HttpStatus.CONFLICT,
  [ReferralErrorCode.AlreadyAssessed]: HttpStatus.CONFLICT,
  [ReferralErrorCode.ClockNotRunning]: HttpStatus.CONFLICT,
  [ReferralErrorCode.NotInActiveMonitoring]: HttpStatus.CONFLICT,
  [ReferralErrorCode.ReceivedDateInFuture]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReferralErrorCode.DelayEndsBeforeItStarts]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReferralErrorCode.CommunicatedInFuture]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReferralErrorCode.NotTreatment]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The one error of referrals, appointments, delays and waiting lists; its code decides the HTTP status. */
export class ReferralError extends DomainError {
  constructor(code: ReferralErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}
