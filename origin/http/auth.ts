import { timingSafeEqual } from 'node:crypto';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../common/errors';
import { ACCESS_COOKIE, type AccessTokenClaims, verifyToken } from '../../edge/token';
import type { AppEnv } from './env';

function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(.+)$/i);
  return match?.[1]?.trim();
}

/**
 * Buyer auth: verifies the access token again at the origin (Bearer or `fg_access` cookie,
 * scope `buy`) and puts its claims in `c.var.access`. Event match is checked by the route.
 */
export const requireAccess = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearer(c.req.header('authorization')) ?? getCookie(c, ACCESS_COOKIE);
  if (!token)
    throw new AppError('unauthorized', 'An access token is required: join the waiting room');
  const claims = await verifyToken<AccessTokenClaims>(
    token,
    'access',
    c.var.services.deps.tokenKeys,
    c.var.services.deps.clock(),
  );
  if (claims.scp !== 'buy') throw new AppError('forbidden', 'This token does not allow buying');
  c.set('access', claims);
  await next();
});

/** Throws 403 unless the buyer's token is for this event. */
export function assertEvent(access: AccessTokenClaims, eventId: string): void {
  if (access.evt !== eventId) {
    throw new AppError(
      'not_admitted',
      `Your access token is for "${access.evt}", not "${eventId}"`,
    );
  }
}

/** Organizer auth: `Authorization: Bearer <organizer key>`; missing → 401, wrong → 403. */
export const requireOrganizer = createMiddleware<AppEnv>(async (c, next) => {
  const given = bearer(c.req.header('authorization'));
  if (!given)
    throw new AppError('unauthorized', 'Organizer key required (Authorization: Bearer …)');
  const a = Buffer.from(given);
  const b = Buffer.from(c.var.organizerKey);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new AppError('forbidden', 'Wrong organizer key');
  }
  await next();
});
