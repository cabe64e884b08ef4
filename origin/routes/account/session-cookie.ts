import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../http/env';
import type { BuyerSession } from '../../services/accounts/account-service';

/** The signed-in buyer's cookie: a signed session token (HttpOnly, SameSite=Lax). */
export const SESSION_COOKIE = 'fg_session';

function secure(c: Context<AppEnv>): boolean {
  return c.var.services.deps.accounts.production || new URL(c.req.url).protocol === 'https:';
}

/** Sets the session cookie until the session expires. */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c),
    path: '/',
    maxAge: Math.max(0, Math.floor((expiresAt - c.var.services.deps.clock()) / 1000)),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: '/',
    secure: secure(c),
    httpOnly: true,
    sameSite: 'Lax',
  });
}

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** The signed-in buyer, or 401 `unauthorized` in the one error shape. */
export function requireBuyer(c: Context<AppEnv>): Promise<BuyerSession> {
  return c.var.services.accounts.requireSession(readSessionCookie(c));
}
