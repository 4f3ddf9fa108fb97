import type { Request, Response } from 'express';
import { FormInvalid } from './forms';

export const FLASH_COOKIE = 'carepath-flash';

/** Renders a view into the response; a template error reaches the page filter as a 500 page. */
export async function render(res: Response, view: string, context: Record<string, unknown> = {}, status = 200): Promise<void> {
  const html = await new Promise<string>((resolve, reject) =>
    res.render(view, context, (error: Error | null, out?: string) => (error ? reject(error) : resolve(out ?? ''))),
  );
  res.status(status).type('html').send(html);
}

/** Post/redirect/get: 303 to `url`, with a one-time success message for the next page. */
export function redirect(res: Response, url: string, flash?: string): void {
  if (flash) res.cookie(FLASH_COOKIE, flash, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 60_000 });
  res.redirect(303, url);
}

/**
 * A form post: runs `action` and redirects where it says; when the user has something to fix, the form is shown
 * again (status 400) with the error summary, inline errors and what they entered (`values`).
 */
export async function handleForm(
  res: Response,
  redisplay: { view: string; context: Record<string, unknown> | (() => Promise<Record<string, unknown>>) },
  action: () => Promise<{ url: string; flash?: string }>,
): Promise<void> {
  try {
    const next = await action();
    redirect(res, next.url, next.flash);
  } catch (error) {
    if (!(error instanceof FormInvalid)) throw error;
    const context = typeof redisplay.context === 'function' ? await redisplay.context() : redisplay.context;
    await render(res, redisplay.view, { ...context, errors: error.errors }, 400);
  }
}

/** A PDF shown in the browser (opened inline), never kept in its cache: letters hold patient data. */
export function sendPdf(res: Response, pdf: Buffer, filename: string): void {
  res.status(200).type('application/pdf');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Disposition', `inline; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '')}"`);
  res.send(pdf);
}

/** A local path to return to after sign-in; anything else (another site, a protocol-relative URL) is home. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 500 ? value : '/';
}

export type WebRequest = Request & { cookies?: Record<string, string | undefined> };

/**
 * A form sent by GET (a search): renders `view` with what `action` finds; when the user has something to fix, the form
 * is shown instead (status 400) with the error summary and inline errors, and the page's `values` as entered.
 */
export async function renderSearch(
  res: Response,
  view: string,
  context: Record<string, unknown>,
  action: () => Promise<Record<string, unknown>>,
): Promise<void> {
  let found: Record<string, unknown>;
  try {
    found = await action();
  } catch (error) {
    if (!(error instanceof FormInvalid)) throw error;
    return render(res, view, { ...context, errors: error.errors }, 400);
  }
  await render(res, view, { ...context, ...found });
}
