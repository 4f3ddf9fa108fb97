import { TokensService } from './tokens.service';

type ThrottledRequest = { ip?: string; body?: { email?: unknown; refreshToken?: unknown } };

/**
 * What one caller is, for the `account` throttler: sign-in by address and email (slows guessing one account's
 * password); a refresh by the session family its token names, so failed refreshes never block other users behind the
 * same address. A token that names no family counts against its address.
 */
export function accountTracker(req: ThrottledRequest): string {
  const body = req.body ?? {};
  if (typeof body.refreshToken === 'string') {
    const family = TokensService.refreshFamily(body.refreshToken);
    return family ? `refresh|${family}` : `refresh|${String(req.ip)}`;
  }
  const email = typeof body.email === 'string' ? body.email.toLowerCase().slice(0, 254) : '';
  return `login|${String(req.ip)}|${email}`;
}

/** The looser ceiling on everything one address tries, whatever the account or token. */
export function addressTracker(req: ThrottledRequest): string {
  return `address|${String(req.ip)}`;
}
