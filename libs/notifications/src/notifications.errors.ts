import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@carepath/common';

export enum NotificationErrorCode {
  NotificationNotFound = 'NOTIFICATION_NOT_FOUND',
}

const STATUS: Record<NotificationErrorCode, HttpStatus> = {
  [NotificationErrorCode.NotificationNotFound]: HttpStatus.NOT_FOUND,
};

/** The one error of in-app notifications; its code decides the HTTP status. */
export class NotificationError extends DomainError {
  constructor(code: NotificationErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}
