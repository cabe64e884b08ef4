import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { AppError } from '../../../common/errors';
import {
  ACCESS_COOKIE,
  CLIENT_COOKIE,
  type QueueTicketClaims,
  signToken,
  TICKET_COOKIE,
  verifyToken,
} from '../../token';
import { estimateWait } from '../admission-policy';
import { hashClientSecret, isClientSecret } from '../client-secret';
import type { WaitingRoomDeps } from '../deps';
import { cookieOptions, eventIdOf, type WaitingRoomContext, type WaitingRoomEnv } from '../http';

const admitBody = z.object({
  ticket: z.string().max(4096).optional(),
  clientSecret: z.string().max(256).optional(),
});

/** The ticket and secret from the JSON body (API clients) or the cookies (browsers). */
async function credentialsOf(c: WaitingRoomContext) {
  let body: z.infer<typeof admitBody> = {};
  const text = await c.req.text();
  if (text.trim() !== '') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError('bad_request', 'Body must be JSON');
    }
    const parsed = admitBody.safeParse(json);
    if (!parsed.success) {
      throw new AppError('validation_failed', 'Invalid admit request', parsed.error.issues);
    }
    body = parsed.data;
  }
  return {
    ticket: body.ticket ?? getCookie(c, TICKET_COOKIE),
    secret: body.clientSecret ?? getCookie(c, CLIENT_COOKIE),
  };
}

/**
 * `POST /wr/:eventId/admit`: exchanges a ticket whose position has been reached for an access
 * token, once per ticket (asking again returns the same admission, never a second slot).
 */
export function admitRoute(deps: WaitingRoomDeps) {
  return new Hono<WaitingRoomEnv>().post('/wr/:eventId/admit', async (c) => {
    const eventId = eventIdOf(c);
    const now = deps.clock();
    const { ticket, secret } = await credentialsOf(c);
    if (!ticket) throw new AppError('unauthorized', 'No queue ticket: join the waiting room first');
    const claims = await verifyToken<QueueTicketClaims>(ticket, 'ticket', deps.keys, now);
    if (claims.evt !== eventId) throw new AppError('token_invalid', 'Ticket is for another event');
    if (!isClientSecret(secret) || hashClientSecret(secret) !== claims.cs) {
      throw new AppError('forbidden', 'Ticket is bound to another client');
    }
    const result = await deps.store.admit(eventId, claims.tid, claims.pos, now);
    if (!result) throw new AppError('not_found', `No waiting room for event ${eventId}`);
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
      c.header('Cache-Control', 'no-store');
      return c.json({
        admitted: true,
        accessToken,
        expiresAt: new Date(result.expiresAt).toISOString(),
      });
    }
    const { room } = result;
    const wait = estimateWait({ ...room, position: claims.pos, config: room.config, now });
    // Invited but the room is full: a slot frees as soon as someone finishes.
    const pollAfterSeconds = result.status === 'full' ? 2 : wait.pollAfterSeconds;
    c.header('Cache-Control', 'no-store');
    return c.json({ admitted: false, position: claims.pos, ...wait, pollAfterSeconds }, 202);
  });
}
