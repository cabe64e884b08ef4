import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../../../common/errors';
import { type QueueTicketClaims, TICKET_COOKIE, verifyToken } from '../../token';
import type { WaitingRoomDeps } from '../deps';
import { eventIdOf, type WaitingRoomContext, type WaitingRoomEnv } from '../http';
import type { RoomSnapshot } from '../store/types';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The public state body: the same for everyone, so the CDN may cache it for a second. */
export function stateBody(room: RoomSnapshot) {
  const { config, prequeue } = room;
  return {
    eventId: room.eventId,
    servingNumber: room.servingNumber,
    queueLength: room.queueLength,
    waiting: room.waiting,
    ratePerMinute: config.ratePerMinute,
    mode: config.mode,
    paused: config.paused,
    queueAll: config.queueAll,
    opensAt: config.opensAt === null ? null : new Date(config.opensAt).toISOString(),
    activeBuyers: room.activeBuyers,
    maxActive: config.maxActive,
    departureRatePerMinute: round2(room.departureRatePerMinute),
    admissionRatePerMinute: round2(room.admissionRatePerMinute),
    abandonRatePerMinute: round2(room.abandonRatePerMinute),
    prequeue: { joined: prequeue.joined, sealed: prequeue.sealed, base: prequeue.base },
    /** SHA-256 of the pre-queue seed, published before opening. */
    commitment: prequeue.commitment,
    /** The seed itself, once the pre-queue order is fixed (null before). */
    seed: prequeue.seed,
  };
}

/** The ticket id of a valid ticket for this event in the request (cookie), if any. */
async function pollingTicket(c: WaitingRoomContext, eventId: string, deps: WaitingRoomDeps) {
  const ticket = getCookie(c, TICKET_COOKIE);
  if (!ticket) return undefined;
  try {
    const claims = await verifyToken<QueueTicketClaims>(ticket, 'ticket', deps.keys, deps.clock());
    return claims.evt === eventId ? claims.tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `GET /wr/:eventId/state`: advances and reports the serving number. With a ticket cookie it
 * also counts as that ticket's poll (behind the CDN's one-second cache only misses reach the
 * edge, so clients should also `admit` now and then to keep their place: see contracts).
 */
export function stateRoute(deps: WaitingRoomDeps) {
  return new Hono<WaitingRoomEnv>().get('/wr/:eventId/state', async (c) => {
    const eventId = eventIdOf(c);
    const ticketId = await pollingTicket(c, eventId, deps);
    const room = await deps.store.state(eventId, deps.clock(), ticketId);
    if (!room) throw new AppError('not_found', `No waiting room for event ${eventId}`);
    c.header('Cache-Control', 'public, max-age=0, s-maxage=1');
    return c.json(stateBody(room));
  });
}
