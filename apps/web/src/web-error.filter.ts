import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommonErrorCode, DomainError, isDatabaseUnavailable, loggableError, postgresCode, requestIdOf } from '@carepath/common';
import { FormInvalid } from './forms';
import { render } from './web-response';

interface ErrorPage {
  status: number;
  view: string;
  message?: string;
}

function statusOf(exception: unknown): number {
  if (exception instanceof DomainError) return exception.statusCode;
  // A form checked outside handleForm (a button's tampered hidden field) is a bad request, not a failure.
  if (exception instanceof FormInvalid) return 400;
  if (exception instanceof HttpException) return exception.getStatus();
  if (isDatabaseUnavailable(exception)) return 503;
  if (postgresCode(exception)?.startsWith('22')) return 400;
  return 500;
}

/**
 * Errors on pages, as NHS services show them: sign in again when the session has ended (then back to this page),
 * "page not found" with no detail for anything out of scope or malformed in the address, a permission page, and
 * "sorry, there is a problem" for the rest, with only the request id logged.
 */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrorFilter');

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const status = statusOf(exception);
    if (status === 401) {
      const back = req.method === 'GET' ? req.originalUrl : '/';
      res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(back)}`);
      return;
    }
    const page = this.pageFor(exception, status);
    if (page.status >= 500) {
      this.logger.error({ err: loggableError(exception), requestId: requestIdOf(req) }, 'Unhandled error on a page');
    }
    try {
      await render(res, page.view, { message: page.message, requestId: requestIdOf(req) }, page.status);
    } catch (error) {
      this.logger.error({ err: loggableError(error), requestId: requestIdOf(req) }, 'Error page failed to render');
      if (!res.headersSent) res.status(page.status).type('text').send('Sorry, there is a problem with the service.');
    }
  }

  private pageFor(exception: unknown, status: number): ErrorPage {
    const code = exception instanceof DomainError ? exception.code : undefined;
    // A malformed id in the address is a page that does not exist, as is a record out of scope.
    if (status === 404 || code === CommonErrorCode.ValidationFailed) return { status: 404, view: 'errors/not-found' };
    if (status === 403)
      return { status: 403, view: 'errors/forbidden', message: exception instanceof DomainError ? exception.message : undefined };
    if (status === 429) return { status: 429, view: 'errors/too-many-requests' };
    if (status < 500) {
      return {
        status,
        view: 'errors/problem',
        message: exception instanceof DomainError ? exception.message : 'There is a problem with that request.',
      };
    }
    return { status: status === 503 ? 503 : 500, view: 'errors/server-error' };
  }
}
