import type { Redis } from 'ioredis';
import { AppError } from '../../../common/errors';
import type { LockResult, SeatLocks } from './types';

/**
 * Locks every key or none, in one atomic step. Returns the 1-based indexes of keys held by
 * another owner (nothing is written then), or an empty array once all keys are set.
 * A key already held by the same owner counts as free and gets its TTL refreshed, so a
 * retried hold with the same hold id succeeds.
 */
const ACQUIRE_LUA = `
local owner = ARGV[1]
local taken = {}
for i, key in ipairs(KEYS) do
  local current = redis.call('GET', key)
  if current and current ~= owner then taken[#taken + 1] = i end
end
if #taken > 0 then return taken end
for _, key in ipairs(KEYS) do redis.call('SET', key, owner, 'PX', ARGV[2]) end
return taken
`;

/** Compare-and-delete over all keys: deletes only keys whose value is still `owner`. */
const RELEASE_LUA = `
local released = 0
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    redis.call('DEL', key)
    released = released + 1
  end
end
return released
`;

const ACQUIRE_COMMAND = 'floodgateAcquireSeatLocks';
const RELEASE_COMMAND = 'floodgateReleaseSeatLocks';

type ScriptCommand = (numKeys: number, ...args: (string | number)[]) => Promise<unknown>;

export interface RedisLocksOptions {
  /** Prepended to every key (before `lock:`), e.g. a per-environment or per-test namespace. */
  prefix?: string;
}

function unavailable(cause: unknown): AppError {
  const error = new AppError(
    'unavailable',
    'Seat locks are unavailable (Redis): try again shortly',
    undefined,
    2,
  );
  return Object.assign(error, { cause });
}

/**
 * Seat locks in Redis: `SET {prefix}lock:{key} owner PX ttl` for all keys in one Lua script
 * (atomic, all-or-nothing), released by one compare-and-delete script. Scripts are loaded
 * with `defineCommand`, so ioredis sends EVALSHA and falls back to EVAL on NOSCRIPT.
 *
 * Build the client with `createRedisClient` (`../redis-client`) so a dead Redis fails fast;
 * every Redis failure surfaces as `AppError('unavailable', …, retryAfter 2)`.
 * On Redis Cluster all keys of one call must share a slot: put a hash tag in them,
 * e.g. `{demo-arena}:floor-a:C:12`.
 *
 * @example
 * const locks = createRedisLocks(createRedisClient(url), { prefix: 'fg:' });
 * const result = await locks.acquireAll(['demo-arena:floor-a:C:12'], holdId, 5_000);
 */
export function createRedisLocks(redis: Redis, options: RedisLocksOptions = {}): SeatLocks {
  const prefix = `${options.prefix ?? ''}lock:`;
  redis.defineCommand(ACQUIRE_COMMAND, { lua: ACQUIRE_LUA });
  redis.defineCommand(RELEASE_COMMAND, { lua: RELEASE_LUA });
  const scripts = redis as unknown as Record<string, ScriptCommand>;

  const run = async (command: string, keys: string[], args: (string | number)[]) => {
    try {
      return await scripts[command].call(
        redis,
        keys.length,
        ...keys.map((k) => prefix + k),
        ...args,
      );
    } catch (error) {
      throw unavailable(error);
    }
  };

  return {
    async acquireAll(keys, owner, ttlMs): Promise<LockResult> {
      const unique = [...new Set(keys)];
      if (unique.length === 0) return { ok: true };
      const ttl = Math.max(1, Math.ceil(ttlMs));
      const takenIndexes = (await run(ACQUIRE_COMMAND, unique, [owner, ttl])) as number[];
      if (takenIndexes.length === 0) return { ok: true };
      return { ok: false, taken: takenIndexes.map((i) => unique[i - 1]) };
    },

    async releaseAll(keys, owner) {
      const unique = [...new Set(keys)];
      if (unique.length === 0) return 0;
      return (await run(RELEASE_COMMAND, unique, [owner])) as number;
    },

    async ping() {
      try {
        await redis.ping();
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}
