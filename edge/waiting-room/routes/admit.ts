import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { AppError } from '../../../common/errors';
import { ACCESS_COOKIE, type QueueTicketClaims, signToken, verifyToken } from '../../token';
import { hashClientSecret, isClientSecret } from '../client-secret';
import type { WaitingRoomDeps } from '../deps';
import { cookieOptions, eventIdOf, type WaitingRoomEnv } from '../http';
import { estimateWait } from '../wait-estimate';
import { credentialsOf } from './credentials';

/**
 * `POST /wr/:eventId/admit`: exchanges a ticket whose position has been reached for an access
 * token, once per ticket (asking again returns the same admission, never a second slot).
 * Every call is also a poll: it keeps the ticket in line (see `abandonAfterSeconds`).
 */
export function admitRoute(deps: WaitingRoomDeps) {
  return new Hono<WaitingRoomEnv>().post('/wr/:eventId/admit', async (c) => {
    const eventId = eventIdOf(c);
    const now = deps.clock();
    const { ticket, secret } = await credentialsOf(c);
    if (!ticket) throw new AppError('unauthorized', 'No queue ticket: join the waiting room first');
    const claims = await verifyToken<QueueTicketClaims>(ticket, 'ticket', deps.keys, now);
    if (claims.evt !== eventId) throw new AppError('token_invalid', 'Ticket is for another event');
    if (!isClientSecret(secret) || (await hashClientSecret(secret)) !== claims.cs) {
      throw new AppError('forbidden', 'Ticket is bound to another client');
    }
    const result = await deps.store.admit(eventId, claims.tid, claims.pos, now, claims.exp * 1000);
    if (!result) throw new AppError('not_found', `No waiting room for event ${eventId}`);
    c.header('Cache-Control', 'no-store');
    if (result.status === 'ended') {
      throw new AppError('not_admitted', 'This ticket was already used; join again');
    }
    if (result.status === 'admitted' || result.status === 'already_admitted') {
      const ttl = Math.max(1, Math.floor((result.expiresAt - now) / 1000));
      const accessToken = await signToken(
        { typ: 'access', evt: eventId, tid: claims.tid, scp: 'buy' },
        deps.keys,
        ttl,
        now,
      );
      setCookie(c, ACCESS_COOKIE, accessToken, cookieOptions(c, { httpOnly: true, maxAge: ttl }));
      return c.json({
        admitted: true,
        accessToken,
        expiresAt: new Date(result.expiresAt).toISOString(),
      });
    }
    const { room, position } = result;
    const peopleAhead = 'peopleAhead' in result ? result.peopleAhead : undefined;
    // `waiting` at or below the serving number: a returner the rate has not paid for yet.
    const invited = result.status === 'full';
    const wait = estimateWait({ ...room, position, peopleAhead, invited, now });
    // Invited but the room is full: a slot frees as soon as someone finishes.
    const pollAfterSeconds = result.status === 'full' ? 2 : wait.pollAfterSeconds;
    return c.json(
      { admitted: false, position, prequeue: position === 0, ...wait, pollAfterSeconds },
      202,
    );
  });
}
