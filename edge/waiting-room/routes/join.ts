import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../../common/errors';
import {
  CLIENT_COOKIE,
  type QueueTicketClaims,
  signToken,
  TICKET_COOKIE,
  verifyToken,
} from '../../token';
import { estimateWait } from '../admission-policy';
import { hashClientSecret, isClientSecret, newClientSecret, newTicketId } from '../client-secret';
import type { WaitingRoomDeps } from '../deps';
import {
  clientIpOf,
  cookieOptions,
  eventIdOf,
  type WaitingRoomContext,
  type WaitingRoomEnv,
  wantsSecretInBody,
} from '../http';

/** A valid ticket for this event already held by this client (a reload, a second tab). */
async function existingTicket(c: WaitingRoomContext, eventId: string, deps: WaitingRoomDeps) {
  const ticket = getCookie(c, TICKET_COOKIE);
  const secret = getCookie(c, CLIENT_COOKIE);
  if (!ticket || !isClientSecret(secret)) return null;
  try {
    const claims = await verifyToken<QueueTicketClaims>(ticket, 'ticket', deps.keys, deps.clock());
    if (claims.evt !== eventId || claims.cs !== hashClientSecret(secret)) return null;
    return { ticket, secret, position: claims.pos };
  } catch {
    return null;
  }
}

/**
 * `POST /wr/:eventId/join`: takes the next place in line (or returns the one this client
 * already holds), signs a ticket bound to a fresh client secret, sets the cookies.
 */
export function joinRoute(deps: WaitingRoomDeps) {
  return new Hono<WaitingRoomEnv>().post('/wr/:eventId/join', async (c) => {
    const eventId = eventIdOf(c);
    const now = deps.clock();
    let held = await existingTicket(c, eventId, deps);
    let room = held ? await deps.store.state(eventId, now) : null;
    if (!held || !room) {
      const { limit, windowSeconds } = deps.joinRateLimit;
      const hit = await deps.store.hitRateLimit(`join:${clientIpOf(c)}`, limit, windowSeconds, now);
      if (!hit.allowed) {
        throw new AppError(
          'rate_limited',
          'Too many joins from this address',
          undefined,
          hit.retryAfterSeconds,
        );
      }
      const secret = newClientSecret();
      const cs = hashClientSecret(secret);
      const joined = await deps.store.join(eventId, cs, now);
      if (!joined) throw new AppError('not_found', `No waiting room for event ${eventId}`);
      const claims: QueueTicketClaims = {
        typ: 'ticket',
        evt: eventId,
        tid: newTicketId(),
        pos: joined.position,
        cs,
      };
      const ticket = await signToken(claims, deps.keys, deps.ticketTtlSeconds, now);
      held = { ticket, secret, position: joined.position };
      room = joined.room;
    }
    const maxAge = deps.ticketTtlSeconds;
    setCookie(
      c,
      CLIENT_COOKIE,
      held.secret,
      cookieOptions(c, { httpOnly: true, path: '/wr/', maxAge }),
    );
    setCookie(c, TICKET_COOKIE, held.ticket, cookieOptions(c, { maxAge }));
    const wait = estimateWait({ ...room, position: held.position, config: room.config, now });
    return c.json(
      {
        ticket: held.ticket,
        position: held.position,
        eventId,
        servingNumber: room.servingNumber,
        ...wait,
        ...(wantsSecretInBody(c) ? { clientSecret: held.secret } : {}),
      },
      201,
    );
  });
}
