import { applyDecorators, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WebSession } from '@carepath/auth';
import { CsrfGuard } from './csrf';
import { WebErrorFilter } from './web-error.filter';
import { WebLocalsInterceptor } from './web-locals.interceptor';

/**
 * A controller of pages: its callers are signed in by the session cookie (each route still states its permission
 * with @Authenticated, or is @Public), every post needs the CSRF token, errors render NHS error pages, and it is
 * not part of the HTTP API's documentation.
 */
export function WebPages(): ClassDecorator {
  return applyDecorators(
    WebSession(),
    ApiExcludeController(),
    UseGuards(CsrfGuard),
    UseInterceptors(WebLocalsInterceptor),
    UseFilters(WebErrorFilter),
  );
}
