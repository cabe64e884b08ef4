import { Redis } from '@upstash/redis';
import { createRedisRoomStore, type RedisRoomStoreOptions } from './redis';
import { isNoScript, scriptSha } from './script-cache';
import type { RedisScripting, RoomStore } from './types';
import { isStoreUnavailable, storeUnavailable } from './unavailable';

/**
 * {@link RedisScripting} over `@upstash/redis` (HTTP): EVALSHA first, EVAL on NOSCRIPT. An
 * unreachable endpoint throws {@link storeUnavailable}.
 */
export function upstashScripting(redis: Redis): RedisScripting {
  return {
    async eval(script, keys, args) {
      try {
        try {
          return await redis.evalsha(await scriptSha(script), keys, args);
        } catch (error) {
          if (!isNoScript(error)) throw error;
          return await redis.eval(script, keys, args);
        }
      } catch (error) {
        throw isStoreUnavailable(error) ? storeUnavailable(error) : error;
      }
    },
  };
}

export interface UpstashRoomStoreOptions extends RedisRoomStoreOptions {
  /** Upstash REST URL (or the local bridge, edge/local/upstash-bridge.ts). */
  url: string;
  token: string;
}

/**
 * The room store for Lambda@Edge, which has no env vars and no TCP pool worth keeping:
 * `@upstash/redis` speaks HTTP, configured explicitly from the bundled config.
 * Replies are read raw (no automatic JSON parsing) so strings stay strings.
 */
export function createUpstashRoomStore(options: UpstashRoomStoreOptions): RoomStore {
  const redis = new Redis({
    url: options.url,
    token: options.token,
    automaticDeserialization: false,
    enableTelemetry: false,
  });
  return createRedisRoomStore(upstashScripting(redis), { prefix: options.prefix });
}
