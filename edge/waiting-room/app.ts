import { Hono } from 'hono';
import { AppError, errorBody, statusOf } from '../../common/errors';
import { oncePerInterval } from '../../common/once-per-interval';
import type { TokenKeys } from '../token';
import {
  DEFAULT_JOIN_RATE_LIMIT,
  DEFAULT_TICKET_TTL_SECONDS,
  type JoinRateLimit,
  type WaitingRoomDeps,
} from './deps';
import { requestIdOf, type WaitingRoomEnv } from './http';
import { admitRoute } from './routes/admit';
import { joinRoute } from './routes/join';
import { prequeueLogRoute } from './routes/prequeue-log';
import { stateRoute } from './routes/state';
import type { RoomStore } from './store/types';

export interface WaitingRoomOptions {
  store: RoomStore;
  keys: TokenKeys;
  /** Epoch ms; defaults to Date.now. */
  clock?: () => number;
  joinRateLimit?: JoinRateLimit;
  ticketTtlSeconds?: number;
}

/**
 * The waiting room as a Hono app: `POST /wr/:eventId/join`, `GET /wr/:eventId/state`,
 * `POST /wr/:eventId/admit`, `GET /wr/:eventId/prequeue-log` (docs/contracts.md). Runs on Lambda@Edge (handler.ts) and in tests
 * through `app.request`. Every error answers the one error shape with an `x-request-id`.
 * @example const app = createWaitingRoomApp({ store: createMemoryRoomStore(), keys });
 */
export function createWaitingRoomApp(options: WaitingRoomOptions) {
  const deps: WaitingRoomDeps = {
    store: options.store,
    keys: options.keys,
    clock: options.clock ?? Date.now,
    joinRateLimit: options.joinRateLimit ?? DEFAULT_JOIN_RATE_LIMIT,
    ticketTtlSeconds: options.ticketTtlSeconds ?? DEFAULT_TICKET_TTL_SECONDS,
  };
  const app = new Hono<WaitingRoomEnv>();
  // An outage fails every request at once: one log line per 5 s says so, with the count.
  const outageDue = oncePerInterval(5_000);

  app.use(async (c, next) => {
    const requestId = requestIdOf(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    await next();
    c.header('x-request-id', requestId);
  });

  app.onError((error, c) => {
    const requestId = c.get('requestId') ?? requestIdOf(undefined);
    c.header('x-request-id', requestId);
    c.header('Cache-Control', 'no-store');
    // Redis (or Upstash) unreachable: the store adapter threw the named 503 (store/unavailable.ts).
    if (error instanceof AppError && error.code === 'unavailable') {
      const repeats = outageDue();
      if (repeats !== false) {
        const cause = String(error.cause ?? error);
        const line = { msg: 'waiting room store unavailable', requestId, error: cause };
        console.warn(JSON.stringify({ ...line, repeats }));
      }
    }
    if (error instanceof AppError) {
      if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
      return c.json(
        errorBody(error.code, error.message, requestId, error.details),
        statusOf(error.code),
      );
    }
    console.error(JSON.stringify({ msg: 'waiting room error', requestId, error: String(error) }));
    return c.json(errorBody('internal', 'Something went wrong', requestId), 500);
  });

  app.notFound((c) => {
    const requestId = c.get('requestId') ?? requestIdOf(undefined);
    c.header('x-request-id', requestId);
    return c.json(
      errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`, requestId),
      404,
    );
  });

  return app
    .route('/', joinRoute(deps))
    .route('/', stateRoute(deps))
    .route('/', admitRoute(deps))
    .route('/', prequeueLogRoute(deps));
}

/** The app's type, for `hc<WaitingRoomAppType>` clients. */
export type WaitingRoomAppType = ReturnType<typeof createWaitingRoomApp>;
