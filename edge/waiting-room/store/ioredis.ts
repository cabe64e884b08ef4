import type { Redis } from 'ioredis';
import { createRedisRoomStore, type RedisRoomStoreOptions } from './redis';
import { isNoScript, scriptSha } from './script-cache';
import type { RedisScripting, RoomStore } from './types';
import { isStoreUnavailable, storeUnavailable } from './unavailable';

/**
 * {@link RedisScripting} over an ioredis client (the origin's connection): EVALSHA first, EVAL
 * once when Redis does not know the script yet. An unreachable Redis throws {@link storeUnavailable}.
 */
export function ioredisScripting(redis: Redis): RedisScripting {
  return {
    async eval(script, keys, args) {
      try {
        try {
          return await redis.evalsha(await scriptSha(script), keys.length, ...keys, ...args);
        } catch (error) {
          if (!isNoScript(error)) throw error;
          return await redis.eval(script, keys.length, ...keys, ...args);
        }
      } catch (error) {
        throw isStoreUnavailable(error) ? storeUnavailable(error) : error;
      }
    },
  };
}

/**
 * The room store for the origin: it releases slots when holds end and configures admission.
 * @example const store = createIoredisRoomStore(new Redis(process.env.REDIS_URL), { prefix: 'fg:' })
 */
export function createIoredisRoomStore(redis: Redis, options?: RedisRoomStoreOptions): RoomStore {
  return createRedisRoomStore(ioredisScripting(redis), options);
}
