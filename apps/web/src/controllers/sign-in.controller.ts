import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { Actor, AuthService, CurrentActor, Authenticated, LoginRequest, Public, WebSessionsService } from '@carepath/auth';
import { Unauthenticated } from '@carepath/common';
import { formError, text, validateForm } from '../forms';
import { WebPages } from '../web-pages.decorator';
import { handleForm, redirect, render, safeReturnPath, WebRequest } from '../web-response';

const LABELS = { email: 'Email address', password: 'Password' };

@WebPages()
@Controller()
export class SignInController {
  constructor(
    private readonly webSessions: WebSessionsService,
    private readonly auth: AuthService,
  ) {}

  @Get('sign-in')
  @Public()
  async form(@Req() req: WebRequest, @Res() res: Response, @Query('returnTo') returnTo?: string): Promise<void> {
    if (await this.webSessions.resolve(req.cookies?.[this.webSessions.cookie().name])) return redirect(res, safeReturnPath(returnTo));
    await render(res, 'sign-in', { values: {}, returnTo: safeReturnPath(returnTo), ended: returnTo !== undefined });
  }

  /** Throttled exactly as the API's sign-in is (by address and email, with a looser ceiling per address). */
  @Post('sign-in')
  @Public()
  @UseGuards(ThrottlerGuard)
  async signIn(@Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const returnTo = safeReturnPath(body.returnTo);
    const values = { email: text(body.email) ?? '' };
    await handleForm(res, { view: 'sign-in', context: { values, returnTo } }, async () => {
      const credentials = await validateForm(
        LoginRequest,
        { email: text(body.email) ?? '', password: String(body.password ?? '') },
        LABELS,
      );
      const token = await this.webSessions.signIn(credentials.email, credentials.password).catch((error: unknown) => {
        throw error instanceof Unauthenticated ? formError(error.message, 'email') : error;
      });
      const cookie = this.webSessions.cookie();
      res.cookie(cookie.name, token, cookie.options);
      return { url: returnTo };
    });
  }

  @Post('sign-out')
  @Authenticated({ action: 'read', subject: 'User' })
  async signOut(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.auth.logout(actor);
    res.clearCookie(this.webSessions.cookie().name, { path: '/' });
    redirect(res, '/sign-in', 'You have signed out');
  }
}
