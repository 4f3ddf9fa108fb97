import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Request, Response } from 'express';

export interface FieldError {
  field: string;
  messages: string[];
}

/** The one error body every route answers with. */
export class ErrorBody {
  @ApiProperty({ example: 409 }) statusCode: number;
  @ApiProperty({ description: "A stable machine-readable code from the library's error code enum", example: 'STALE_VERSION' })
  code: string;
  @ApiProperty({ example: 'Referral has changed since version 3; reload and try again' }) message: string;
  @ApiPropertyOptional({
    description: 'What the code needs to explain itself, e.g. { fields: [{ field, messages }] } for VALIDATION_FAILED',
    type: 'object',
    additionalProperties: true,
  })
  details?: unknown;
  @ApiProperty({ description: 'Quote it when reporting a problem' }) requestId: string;
}

/** The cross-cutting codes; each library adds its own enum beside its one error class. */
export enum CommonErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  BadRequest = 'BAD_REQUEST',
  InvalidCursor = 'INVALID_CURSOR',
  BodyTooDeep = 'BODY_TOO_DEEP',
  InvalidText = 'INVALID_TEXT',
  InvalidValue = 'INVALID_VALUE',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  Conflict = 'CONFLICT',
  StaleVersion = 'STALE_VERSION',
  InvalidTransition = 'INVALID_TRANSITION',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  Unprocessable = 'UNPROCESSABLE',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  ClientError = 'CLIENT_ERROR',
  NotReady = 'NOT_READY',
  InternalError = 'INTERNAL_ERROR',
}

/** A typed domain error; the global filter turns it into the one error body. */
export abstract class DomainError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class ValidationFailed extends DomainError {
  constructor(fields: FieldError[]) {
    super(400, CommonErrorCode.ValidationFailed, `Invalid fields: ${fields.map((f) => f.field).join(', ')}`, { fields });
  }
}

export class InvalidCursor extends DomainError {
  constructor() {
    super(400, CommonErrorCode.InvalidCursor, 'cursor is not one this API issued');
  }
}

/** A body or query no route could accept, refused before validation (see request-shape.ts). */
export class MalformedRequest extends DomainError {
  constructor(code: CommonErrorCode.BodyTooDeep | CommonErrorCode.InvalidText, message: string, field: string) {
    super(400, code, message, field ? { field } : undefined);
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = 'Authentication required') {
    super(401, CommonErrorCode.Unauthenticated, message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'You do not have permission to do this') {
    super(403, CommonErrorCode.Forbidden, message);
  }
}

export class StaleVersion extends DomainError {
  constructor(entity: string, sentVersion: number) {
    super(409, CommonErrorCode.StaleVersion, `${entity} has changed since version ${sentVersion}; reload and try again`, {
      sentVersion,
    });
  }
}

export class InvalidTransition extends DomainError {
  constructor(entity: string, current: string, requested: string) {
    super(409, CommonErrorCode.InvalidTransition, `${entity} cannot go from ${current} to ${requested}`, { current, requested });
  }
}

/** A dependency (database, queue) is unreachable, so the instance should get no traffic. */
export class NotReady extends DomainError {
  constructor(details: unknown) {
    super(503, CommonErrorCode.NotReady, 'A dependency is unreachable', details);
  }
}

const STATUS_CODES: Record<number, CommonErrorCode> = {
  400: CommonErrorCode.BadRequest,
  401: CommonErrorCode.Unauthenticated,
  403: CommonErrorCode.Forbidden,
  404: CommonErrorCode.NotFound,
  405: CommonErrorCode.MethodNotAllowed,
  409: CommonErrorCode.Conflict,
  413: CommonErrorCode.PayloadTooLarge,
  415: CommonErrorCode.UnsupportedMediaType,
  422: CommonErrorCode.Unprocessable,
  429: CommonErrorCode.TooManyRequests,
};

export function requestIdOf(req: Request): string {
  return String((req as Request & { id?: unknown }).id ?? '');
}

/** The SQLSTATE of a PostgreSQL error, raw from the driver or wrapped by TypeORM. */
export function postgresCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Errors that mean the database cannot be reached right now (a restart, a network break), not a fault in the request. */
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']);

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = postgresCode(error);
  // 08: connection exception; 57P01-57P03: the server is shutting down or starting up.
  if (code && (code.startsWith('08') || /^57P0[123]$/.test(code))) return true;
  const e = error as { code?: unknown; driverError?: { code?: unknown; message?: unknown }; message?: unknown } | null;
  const nodeCode = e?.driverError?.code ?? e?.code;
  if (typeof nodeCode === 'string' && UNAVAILABLE_NODE_CODES.has(nodeCode)) return true;
  const message = String(e?.driverError?.message ?? e?.message ?? '');
  return /^Connection terminated|^timeout exceeded when trying to connect|Client has encountered a connection error/.test(message);
}

/**
 * What of an unexpected error may be logged: its kind, message, SQLSTATE and stack. A database error also
 * carries the query's parameters and the failing row (names, NHS numbers): those are never logged.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  return { type: error.name, message: error.message, code: postgresCode(error), stack: error.stack };
}

/** Maps every error to `{ statusCode, code, message, details?, requestId }`; a 500 carries only the request id. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = this.toBody(exception, requestIdOf(req));
    if (body.statusCode >= 500) {
      this.logger.error({ err: loggableError(exception), requestId: body.requestId }, 'Unhandled error');
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof DomainError) {
      const body: ErrorBody = { statusCode: exception.statusCode, code: exception.code, message: exception.message, requestId };
      if (exception.details !== undefined) body.details = exception.details;
      return body;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) {
        if (exception.cause instanceof SyntaxError) {
          return { statusCode: status, code: CommonErrorCode.BadRequest, message: 'Request body is not valid JSON', requestId };
        }
        if (exception.cause instanceof URIError) {
          return { statusCode: status, code: CommonErrorCode.BadRequest, message: 'The path is not validly encoded', requestId };
        }
        const response = exception.getResponse();
        const message =
          typeof response === 'object' && response !== null && 'message' in response && typeof response.message === 'string'
            ? response.message
            : exception.message;
        return { statusCode: status, code: STATUS_CODES[status] ?? CommonErrorCode.ClientError, message, requestId };
      }
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: CommonErrorCode.NotReady,
        message: 'The service is briefly unavailable; try again in a moment',
        requestId,
      };
    }
    if (postgresCode(exception)?.startsWith('22')) {
      return {
        statusCode: 400,
        code: CommonErrorCode.InvalidValue,
        message: 'A value in the request is out of range or malformed',
        requestId,
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: CommonErrorCode.InternalError,
      message: 'Something went wrong; quote the request id when reporting it',
      requestId,
    };
  }
}
