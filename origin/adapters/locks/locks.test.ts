import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisUrl, uniquePrefix } from '../../../tests/helpers/redis';
import { connectRedisClient, createRedisClient } from '../redis-client';
import { describeSeatLocksContract } from './locks.contract';
import { createMemoryLocks } from './memory';
import { createRedisLocks } from './redis';

describeSeatLocksContract('memory', async () => {
  let now = 1_700_000_000_000;
  const locks = createMemoryLocks(() => now);
  return {
    locks,
    peers: [locks],
    elapse: async (ms) => {
      now += ms;
    },
    cleanup: async () => {},
  };
});

describe.skipIf(!redisUrl)('redis seat locks', () => {
  const url = redisUrl as string;
  const clients: Redis[] = [];

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  describeSeatLocksContract('redis', async () => {
    const prefix = uniquePrefix('seat-locks');
    const redises = await Promise.all([1, 2, 3].map(() => connectRedisClient(url)));
    const [locks, ...peers] = redises.map((redis) => createRedisLocks(redis, { prefix }));
    return {
      locks,
      peers,
      elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      cleanup: async () => {
        const keys = await redises[0].keys(`${prefix}*`);
        if (keys.length > 0) await redises[0].del(...keys);
        await Promise.all(redises.map((r) => r.quit()));
      },
    };
  });

  it('stores a lock under {prefix}lock:{key} with the owner as value and a TTL', async () => {
    const redis = await connectRedisClient(url);
    clients.push(redis);
    const prefix = uniquePrefix('seat-locks-layout');
    await createRedisLocks(redis, { prefix }).acquireAll(['floor-a:C:12'], 'h_1', 10_000);
    const key = `${prefix}lock:floor-a:C:12`;
    expect(await redis.get(key)).toBe('h_1');
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    await redis.del(key);
  });
});

describe('redis seat locks without a reachable Redis', () => {
  it('fail fast with a retryable unavailable error instead of hanging', async () => {
    // Port 1 refuses connections; the fail-fast client rejects instead of queueing.
    const redis = createRedisClient('redis://127.0.0.1:1', { retryStrategy: () => null });
    redis.on('error', () => {});
    const locks = createRedisLocks(redis);
    const failure = { code: 'unavailable', retryAfter: 2 };
    await expect(locks.acquireAll(['a'], 'owner', 1_000)).rejects.toMatchObject(failure);
    await expect(locks.releaseAll(['a'], 'owner')).rejects.toMatchObject(failure);
    await expect(locks.ping()).rejects.toMatchObject(failure);
    redis.disconnect();
  });
});
