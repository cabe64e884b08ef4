import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { AppError } from '../../../common/errors';
import {
  CLIENT_COOKIE,
  type QueueTicketClaims,
  signToken,
  TICKET_COOKIE,
  verifyToken,
} from '../../token';
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
import { estimateWait } from '../wait-estimate';
import { credentialsOf } from './credentials';

/**
 * The client's secret, its SHA-256 (`cs`, hashed once), and whether it proved to be a returning
 * client: one that presents its valid ticket for this event with the matching secret (cookies,
 * or the JSON body for API clients). A secret without such a ticket is kept (the store may still
 * know the client) but the join counts against the rate limit, so made-up secrets cannot mint
 * places unlimited.
 */
async function clientOf(c: WaitingRoomContext, eventId: string, deps: WaitingRoomDeps) {
  const { ticket, secret: presented } = await credentialsOf(c);
  const kept = isClientSecret(presented);
  const secret = kept ? presented : newClientSecret();
  const cs = await hashClientSecret(secret);
  if (!kept || !ticket) return { secret, cs, returning: false };
  try {
    const claims = await verifyToken<QueueTicketClaims>(ticket, 'ticket', deps.keys, deps.clock());
    return { secret, cs, returning: claims.evt === eventId && claims.cs === cs };
  } catch {
    return { secret, cs, returning: false };
  }
}

/**
 * `POST /wr/:eventId/join`: takes the next place in line. A client that already holds a live
 * ticket for the event (its secret identifies it) gets that same ticket again, never a new
 * position; a client whose ticket's session ended gets a fresh ticket. Only joins that may
 * mint a new place count against the per-IP rate limit.
 */
export function joinRoute(deps: WaitingRoomDeps) {
  return new Hono<WaitingRoomEnv>().post('/wr/:eventId/join', async (c) => {
    const eventId = eventIdOf(c);
    const now = deps.clock();
    const { secret, cs, returning } = await clientOf(c, eventId, deps);
    if (!returning) {
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
    }
    const ttl = deps.ticketTtlSeconds;
    const joined = await deps.store.join(
      eventId,
      { clientHash: cs, ticketId: newTicketId(), expiresAt: now + ttl * 1000 },
      now,
    );
    if (!joined) throw new AppError('not_found', `No waiting room for event ${eventId}`);
    const { room, position } = joined;
    const claims: QueueTicketClaims = {
      typ: 'ticket',
      evt: eventId,
      tid: joined.ticketId,
      pos: position,
      cs,
    };
    const ticket = await signToken(claims, deps.keys, ttl, now);
    setCookie(
      c,
      CLIENT_COOKIE,
      secret,
      cookieOptions(c, { httpOnly: true, path: '/wr/', maxAge: ttl }),
    );
    setCookie(c, TICKET_COOKIE, ticket, cookieOptions(c, { maxAge: ttl }));
    const wait = estimateWait({ ...room, position, peopleAhead: joined.peopleAhead, now });
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        ticket,
        position,
        eventId,
        servingNumber: room.servingNumber,
        ...wait,
        reused: joined.reused,
        prequeue: position === 0,
        ...(wantsSecretInBody(c) ? { clientSecret: secret } : {}),
      },
      201,
    );
  });
}
