import { ArgumentsHost, Catch } from '@nestjs/common';
import type { Request } from 'express';
import { ErrorFilter } from '@carepath/common';
import { WebErrorFilter } from './web-error.filter';

/** Paths that belong to the HTTP API and its neighbours: they answer in JSON whatever the client accepts. */
const NOT_PAGES = /^\/(api|health|openreferral|admin|docs|openapi\.json)(\/|$)/;

/**
 * The app's global filter. Errors on page controllers never reach it (they have their own filter); what does is
 * an address no route matches. A browser asking for a page gets the NHS "Page not found" page, the API its JSON.
 */
@Catch()
export class PageOrApiErrorFilter extends ErrorFilter {
  private readonly pages = new WebErrorFilter();

  override catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && !NOT_PAGES.test(req.path) && req.accepts(['json', 'html']) === 'html';
    if (isPage) void this.pages.catch(exception, host);
    else super.catch(exception, host);
  }
}
