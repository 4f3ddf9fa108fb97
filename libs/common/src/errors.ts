import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

export interface FieldError {
  field: string;
  messages: string[];
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId: string;
}

/** A typed domain error; the global filter turns it into the one error body. */
export class DomainError extends Error {
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
    super(400, 'VALIDATION_FAILED', `Invalid fields: ${fields.map((f) => f.field).join(', ')}`, { fields });
  }
}

export class BadRequest extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(400, code, message, details);
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = 'Authentication required') {
    super(401, 'UNAUTHENTICATED', message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'You do not have permission to do this') {
    super(403, 'FORBIDDEN', message);
  }
}

/** "Not found or not yours": one answer, so a record's existence never leaks. */
export class NotFound extends DomainError {
  constructor(entity: string) {
    super(404, `${entity.toUpperCase().replace(/[^A-Z]+/g, '_')}_NOT_FOUND`, `${entity} not found`);
  }
}

export class StaleVersion extends DomainError {
  constructor(entity: string, sentVersion: number) {
    super(409, 'STALE_VERSION', `${entity} has changed since version ${sentVersion}; reload and try again`, {
      sentVersion,
    });
  }
}

export class InvalidTransition extends DomainError {
  constructor(entity: string, current: string, requested: string) {
    super(409, 'INVALID_TRANSITION', `${entity} cannot go from ${current} to ${requested}`, { current, requested });
  }
}

export class Conflict extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

/** A well-formed value that breaks a domain rule. */
export class RuleViolation extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(422, code, message, details);
  }
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
};

export function requestIdOf(req: Request): string {
  return String((req as Request & { id?: unknown }).id ?? '');
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
      this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
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
          return { statusCode: status, code: 'BAD_REQUEST', message: 'Request body is not valid JSON', requestId };
        }
        if (exception.cause instanceof URIError) {
          return { statusCode: status, code: 'BAD_REQUEST', message: 'The path is not validly encoded', requestId };
        }
        const response = exception.getResponse();
        const message =
          typeof response === 'object' && response !== null && 'message' in response && typeof response.message === 'string'
            ? response.message
            : exception.message;
        return { statusCode: status, code: STATUS_CODES[status] ?? 'CLIENT_ERROR', message, requestId };
      }
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong; quote the request id when reporting it',
      requestId,
    };
  }
}
