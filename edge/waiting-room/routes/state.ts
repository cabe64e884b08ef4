import { Hono } from 'hono';
import { AppError } from '../../../common/errors';
import type { WaitingRoomDeps } from '../deps';
import { eventIdOf, type WaitingRoomEnv } from '../http';
import type { RoomSnapshot } from '../store/types';

/** The public state body: the same for everyone, so the CDN may cache it for a second. */
export function stateBody(room: RoomSnapshot) {
  return {
    eventId: room.eventId,
    servingNumber: room.servingNumber,
    queueLength: room.queueLength,
    ratePerMinute: room.config.ratePerMinute,
    paused: room.config.paused,
    queueAll: room.config.queueAll,
    opensAt: room.config.opensAt === null ? null : new Date(room.config.opensAt).toISOString(),
    activeBuyers: room.activeBuyers,
    maxActive: room.config.maxActive,
    departureRatePerMinute: Math.round(room.departureRatePerMinute * 100) / 100,
  };
}

/** `GET /wr/:eventId/state`: advances and reports the serving number. */
export function stateRoute(deps: WaitingRoomDeps) {
  return new Hono<WaitingRoomEnv>().get('/wr/:eventId/state', async (c) => {
    const eventId = eventIdOf(c);
    const room = await deps.store.state(eventId, deps.clock());
    if (!room) throw new AppError('not_found', `No waiting room for event ${eventId}`);
    c.header('Cache-Control', 'public, max-age=0, s-maxage=1');
    return c.json(stateBody(room));
  });
}
