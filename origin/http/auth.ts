import { timingSafeEqual } from 'node:crypto';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../common/errors';
import { ACCESS_COOKIE, type AccessTokenClaims, verifyToken } from '../../edge/token';
import type { AppEnv } from './env';

/** The token of an `Authorization: Bearer …` header, trimmed; undefined when absent or not Bearer. */
export function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(.+)$/i);
  return match?.[1]?.trim();
}

type SessionStatus = 'active' | 'ended' | 'waiting' | 'unknown';

/**
 * The ticket's session per the room store, or `unknown` when the store cannot say (Redis
 * down): the signed token then stands on its own, as for a ticket the store has no record of.
 * "Losing Redis may lose holds in progress, never a sale" — a checkout of an existing hold
 * completes on DynamoDB; new holds still answer 503 from the seat locks.
 */
async function sessionOf(
  deps: AppEnv['Variables']['services']['deps'],
  claims: AccessTokenClaims,
  now: number,
): Promise<SessionStatus> {
  try {
    return (await deps.admission.sessionOf?.(claims.evt, claims.tid, now)) ?? 'unknown';
  } catch (error) {
    deps.onDegraded?.(error, 'session check');
    return 'unknown';
  }
}

/**
 * Buyer auth: verifies the access token again at the origin (Bearer or `fg_access` cookie,
 * scope `buy`), then asks the room store (one Redis read) whether the ticket's session is
 * still live: a token must not outlive its slot, or buyers past `maxActive` could keep buying
 * after their hold was bought or their session expired. Ended (or never admitted) → 403
 * `session_ended`; a ticket the store has no record of, or a session read that fails (Redis
 * down: reported through `onDegraded`), passes on the signature alone, so a lost Redis never
 * stops a sale. Puts the claims in `c.var.access`; the route checks the event.
 */
export const requireAccess = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearer(c.req.header('authorization')) ?? getCookie(c, ACCESS_COOKIE);
  if (!token)
    throw new AppError('unauthorized', 'An access token is required: join the waiting room');
  const { deps } = c.var.services;
  const now = deps.clock();
  const claims = await verifyToken<AccessTokenClaims>(token, 'access', deps.tokenKeys, now);
  if (claims.scp !== 'buy') throw new AppError('forbidden', 'This token does not allow buying');
  const session = await sessionOf(deps, claims, now);
  if (session === 'ended' || session === 'waiting') {
    throw new AppError(
      'session_ended',
      session === 'ended'
        ? 'Your buying session has ended: join the waiting room again'
        : 'This ticket was never admitted: join the waiting room',
    );
  }
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
