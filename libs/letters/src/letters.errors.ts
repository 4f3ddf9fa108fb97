import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@carepath/common';

export enum LetterErrorCode {
  LetterNotFound = 'LETTER_NOT_FOUND',
  ReferralNotFound = 'REFERRAL_NOT_FOUND',
  NoGpPractice = 'NO_GP_PRACTICE',
  NotADraft = 'LETTER_NOT_A_DRAFT',
  PdfNotRendered = 'LETTER_PDF_NOT_RENDERED',
}

const STATUS: Record<LetterErrorCode, HttpStatus> = {
  [LetterErrorCode.LetterNotFound]: HttpStatus.NOT_FOUND,
  [LetterErrorCode.ReferralNotFound]: HttpStatus.NOT_FOUND,
  [LetterErrorCode.NoGpPractice]: HttpStatus.UNPROCESSABLE_ENTITY,
  [LetterErrorCode.NotADraft]: HttpStatus.CONFLICT,
  [LetterErrorCode.PdfNotRendered]: HttpStatus.NOT_FOUND,
};

/** The one error of GP letters; its code decides the HTTP status. */
export class LetterError extends DomainError {
  constructor(code: LetterErrorCode, message: string, details?: unknown) {
    super(STATUS[code], code, message, details);
  }
}

export const letterNotFound = () => new LetterError(LetterErrorCode.LetterNotFound, 'Letter not found');
