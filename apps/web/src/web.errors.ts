import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@carepath/common';

export enum WebErrorCode {
  CsrfFailed = 'CSRF_FAILED',
}

const STATUS: Record<WebErrorCode, HttpStatus> = {
  [WebErrorCode.CsrfFailed]: HttpStatus.FORBIDDEN,
};

/** The web interface's own refusals; every other error comes from the domain libraries. */
export class WebError extends DomainError {
  constructor(code: WebErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}
