import { Hono } from 'hono';
import { AppError } from '../../../common/errors';
import type { WaitingRoomDeps } from '../deps';
import { eventIdOf, type WaitingRoomEnv } from '../http';
import { PREQUEUE_ALGORITHM } from '../prequeue-verify';

/**
 * `GET /wr/:eventId/prequeue-log`: after opening, the seed and the whole join log with the
 * positions the room assigned, for `scripts/verify-prequeue.ts` (or anyone) to recompute.
 * Before opening it answers 409: the seed stays secret until the order is fixed.
 */
export function prequeueLogRoute(deps: WaitingRoomDeps) {
  return new Hono<WaitingRoomEnv>().get('/wr/:eventId/prequeue-log', async (c) => {
    const eventId = eventIdOf(c);
    // Reading the state first seals a pre-queue that is due (the first call after opening).
    if (!(await deps.store.state(eventId, deps.clock()))) {
      throw new AppError('not_found', `No waiting room for event ${eventId}`);
    }
    const log = await deps.store.prequeueLog(eventId);
    if (!log) throw new AppError('not_found', `No waiting room for event ${eventId}`);
    if (!log.sealed) {
      throw new AppError('conflict', 'The pre-queue order is published once the room opens');
    }
    // Sealed: the log never changes again, so the CDN may keep it.
    c.header('Cache-Control', 'public, max-age=60, s-maxage=300');
    return c.json({ algorithm: PREQUEUE_ALGORITHM, ...log });
  });
}
