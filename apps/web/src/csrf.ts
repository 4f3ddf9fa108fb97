import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { doubleCsrf } from 'csrf-csrf';
import type { Request, Response } from 'express';
import { AppConfig, APP_CONFIG } from '@carepath/common';
import { webSessionCookie } from '@carepath/auth';
import { WebError, WebErrorCode } from './web.errors';

/**
 * Signed double-submit tokens (csrf-csrf) bound to the session cookie, so a token from before sign-in or from
 * another session is refused. Every form posts `_csrf`; SameSite=Strict cookies are the second line.
 */
@Injectable()
export class Csrf {
  private readonly protection: ReturnType<typeof doubleCsrf>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const session = webSessionCookie(config);
    const secure = session.options.secure;
    this.protection = doubleCsrf({
      getSecret: () => `csrf:${config.jwtSecret}`,
      getSessionIdentifier: (req) => String((req.cookies as Record<string, unknown> | undefined)?.[session.name] ?? ''),
      cookieName: secure ? '__Host-carepath-csrf' : 'carepath-csrf',
      cookieOptions: { sameSite: 'strict', secure, httpOnly: true, path: '/' },
      getCsrfTokenFromRequest: (req) => {
        const token = (req.body as Record<string, unknown> | undefined)?._csrf;
        return typeof token === 'string' ? token : null;
      },
    });
  }

  /** The token for this page's forms (sets or renews its cookie). */
  token(req: Request, res: Response): string {
    return this.protection.generateCsrfToken(req, res);
  }

  /** Whether a form post carries the token of this browser's session. */
  valid(req: Request): boolean {
    return this.protection.validateRequest(req);
  }
}

/** Refuses any post without this session's token: a 403 page, and nothing changes. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly csrf: Csrf) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method === 'GET' || req.method === 'HEAD') return true;
    if (!this.csrf.valid(req)) throw new WebError(WebErrorCode.CsrfFailed, 'This form has expired or did not come from carepath');
    return true;
  }
}
