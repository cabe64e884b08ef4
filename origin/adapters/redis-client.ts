import { Redis, type RedisOptions } from 'ioredis';
import { oncePerInterval } from '../../common/once-per-interval';
import { createLogger, type Logger } from '../http/logger';

/**
 * ioredis options that make Redis failures fail fast instead of hanging a request:
 * - `enableOfflineQueue: false`: while disconnected, commands are rejected at once
 *   rather than queued until the connection comes back.
 * - `maxRetriesPerRequest: 1`: a command in flight when the connection drops is retried once.
 * - `connectTimeout`: a black-holed host gives up after 2 s instead of the OS default.
 * - `retryStrategy`: keep reconnecting in the background (capped back-off), so service
 *   resumes by itself when Redis returns.
 *
 * Seat locks only cut contention (DynamoDB is the truth), so a fast, retryable
 * `503 unavailable` beats a request that waits on a dead Redis.
 */
export const FAIL_FAST_REDIS_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  retryStrategy: (times: number) => Math.min(times * 100, 2_000),
} as const satisfies RedisOptions;

/** Where a client's connection errors go. */
export interface RedisErrorLog {
  /** Logs at `warn`; default: a logger at `LOG_LEVEL` (`warn` when unset). */
  logger?: Pick<Logger, 'warn'>;
  /** Names the client in the log line, e.g. `locks` or `room`. */
  name?: string;
  /** At most one line per this many ms (default {@link REDIS_ERROR_LOG_INTERVAL_MS}). */
  intervalMs?: number;
}

/** A dead Redis makes ioredis emit an error per reconnect attempt: one line per 5 s is enough. */
export const REDIS_ERROR_LOG_INTERVAL_MS = 5_000;

let fallbackLogger: Logger | undefined;
const defaultLogger = (): Logger => {
  fallbackLogger ??= createLogger(process.env.LOG_LEVEL || 'warn');
  return fallbackLogger;
};

/**
 * Listens for the client's `error` events (without a listener, ioredis prints "Unhandled error
 * event" on every reconnect attempt) and logs them through the logger, at most once per
 * interval, with how many were held back. The client keeps reconnecting by itself; commands
 * meanwhile fail fast, and their callers answer 503.
 *
 * @example watchRedisErrors(redis, { logger, name: 'room' });
 */
export function watchRedisErrors(redis: Redis, log: RedisErrorLog = {}): Redis {
  const due = oncePerInterval(log.intervalMs ?? REDIS_ERROR_LOG_INTERVAL_MS);
  redis.on('error', (error: unknown) => {
    const repeats = due();
    if (repeats === false) return;
    const logger = log.logger ?? defaultLogger();
    // Host and port only: a URL may carry a password.
    const { host, port } = redis.options;
    logger.warn(
      { err: error, redis: `${host}:${port}`, client: log.name, repeats },
      'redis connection error (the client keeps reconnecting)',
    );
  });
  return redis;
}

/**
 * Creates an ioredis client with {@link FAIL_FAST_REDIS_OPTIONS}; it starts connecting at once.
 * Commands sent before it is ready fail fast, so await {@link connectRedisClient} at start-up
 * when the first request must not race the connection. Connection errors are logged (throttled)
 * by {@link watchRedisErrors}.
 *
 * @example const redis = createRedisClient(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 */
export function createRedisClient(
  url: string,
  overrides: RedisOptions = {},
  log: RedisErrorLog = {},
): Redis {
  return watchRedisErrors(new Redis(url, { ...FAIL_FAST_REDIS_OPTIONS, ...overrides }), log);
}

/**
 * Calls `listener` each time the client is ready again after losing its connection; the first
 * connection of a client still connecting does not count. ioredis reconnects by itself, and
 * whatever Redis lost meanwhile (a restart empties it) can be put back at once instead of on
 * the next timer. Returns the unsubscribe.
 *
 * @example const stop = onReconnect(redis, () => void keeper.keepOnce());
 */
export function onReconnect(redis: Redis, listener: () => void): () => void {
  let connectedBefore = redis.status === 'ready';
  const ready = () => {
    if (connectedBefore) listener();
    connectedBefore = true;
  };
  redis.on('ready', ready);
  return () => {
    redis.off('ready', ready);
  };
}

/**
 * Creates a fail-fast client and resolves once it is ready (rejects if the first
 * connection fails, and closes the client then). Use at start-up.
 *
 * @example const redis = await connectRedisClient(config.redisUrl);
 */
export async function connectRedisClient(
  url: string,
  overrides: RedisOptions = {},
  log: RedisErrorLog = {},
): Promise<Redis> {
  const redis = createRedisClient(url, { ...overrides, lazyConnect: true }, log);
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw error;
  }
}
