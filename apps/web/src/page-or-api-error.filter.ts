import { ArgumentsHost, Catch } from '@nestjs/common';
import type { Request } from 'express';
import { ErrorFilter } from '@carepath/common';
import { WebErrorFilter } from './web-error.filter';

/** Paths that belong to the HTTP API and its neighbours: they answer in JSON whatever the client accepts. */
const NOT_PAGES = /^\/(api|health|openreferral|admin|docs|openapi\.json)(\/|$)/;

/**
 * The app's global filter. Errors on page controllers never reach it (they have their own filter); what does is
 * an address no route matches, or a form refused before routing. A browser gets the NHS page, the API its JSON.
 */
@Catch()
export class PageOrApiErrorFilter extends ErrorFilter {
  private readonly pages = new WebErrorFilter();

  override catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const browsing = (req.method === 'GET' || req.method === 'HEAD') && req.accepts(['json', 'html']) === 'html';
    // A form post refused before it reached its page (malformed text, a body too deep) is answered as a page too.
    const formPost = req.method === 'POST' && req.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded';
    const isPage = (browsing || formPost) && !NOT_PAGES.test(req.path);
    if (isPage) void this.pages.catch(exception, host);
    else super.catch(exception, host);
  }
}
