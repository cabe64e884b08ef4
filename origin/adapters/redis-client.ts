import { Redis, type RedisOptions } from 'ioredis';

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

/**
 * Creates an ioredis client with {@link FAIL_FAST_REDIS_OPTIONS}; it starts connecting at once.
 * Commands sent before it is ready fail fast, so await {@link connectRedisClient} at start-up
 * when the first request must not race the connection.
 *
 * @example const redis = createRedisClient(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 */
export function createRedisClient(url: string, overrides: RedisOptions = {}): Redis {
  return new Redis(url, { ...FAIL_FAST_REDIS_OPTIONS, ...overrides });
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
): Promise<Redis> {
  const redis = createRedisClient(url, { ...overrides, lazyConnect: true });
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw error;
  }
}
