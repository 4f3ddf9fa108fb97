import { randomBytes } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { AuthenticatedRequest, AuthService } from '@carepath/auth';
import { NotificationsService } from '@carepath/notifications';
import { Csrf } from './csrf';
import { navigationFor } from './navigation';
import { FLASH_COOKIE, WebRequest } from './web-response';

/** The strict policy pages are served with: nothing from other origins, inline script only with this page's nonce. */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * What every page's layout needs: the CSRF token, the signed-in user, their navigation and unread notifications,
 * a one-time message.
 */
@Injectable()
export class WebLocalsInterceptor implements NestInterceptor {
  constructor(
    private readonly csrf: Csrf,
    private readonly auth: AuthService,
    private readonly notifications: NotificationsService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & WebRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
    res.locals.cspNonce = nonce;
    res.locals.csrfToken = this.csrf.token(req, res);
    res.locals.currentPath = req.path;
    const flash = req.cookies?.[FLASH_COOKIE];
    if (flash) {
      res.locals.flash = flash;
      res.clearCookie(FLASH_COOKIE, { path: '/' });
    }
    if (req.actor) {
      const [me, unread] = await Promise.all([this.auth.me(req.actor), this.notifications.unreadCount(req.actor)]);
      res.locals.me = me;
      res.locals.navigation = navigationFor(req.actor.role, req.path);
      res.locals.unreadNotifications = unread;
    }
    return next.handle();
  }
}
