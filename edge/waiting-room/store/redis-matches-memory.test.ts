import { Redis as IORedis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisUrl, uniquePrefix } from '../../../tests/helpers/redis';
import { createIoredisRoomStore } from './ioredis';
import { createMemoryRoomStore } from './memory';
import type { RoomStore } from './types';

/** A small deterministic PRNG, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe.skipIf(!redisUrl)('Redis Lua scripts match the pure policy (memory store)', () => {
  const redis = new IORedis(redisUrl as string);
  const prefix = uniquePrefix('room-diff');
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'gives identical answers over a random operation sequence (seed %i)',
    async (seed) => {
      const rand = prng(seed);
      const memory = createMemoryRoomStore();
      const lua = createIoredisRoomStore(redis, { prefix });
      const stores: RoomStore[] = [memory, lua];
      const eventId = `diff-${seed}`;
      let now = Date.UTC(2030, 0, 1);
      const each = <T>(op: (s: RoomStore) => Promise<T>) => Promise.all(stores.map(op));
      // Draw random values outside `each`, so both stores get the same operation.
      const initial = {
        ratePerMinute: 1 + Math.floor(rand() * 300),
        maxActive: 1 + Math.floor(rand() * 6),
        sessionSeconds: 30,
      };
      await each((s) => s.configure(eventId, initial, now));
      let joined = 0;
      for (let step = 0; step < 300; step++) {
        now += Math.floor(rand() * 2_000);
        const r = rand();
        let answers: unknown[];
        if (r < 0.3) {
          answers = await each((s) => s.join(eventId, 'h', now));
          joined++;
        } else if (r < 0.6 && joined > 0) {
          const position = 1 + Math.floor(rand() * joined);
          answers = await each((s) => s.admit(eventId, `t_${position}`, position, now));
        } else if (r < 0.75 && joined > 0) {
          const position = 1 + Math.floor(rand() * joined);
          answers = await each((s) => s.release(eventId, `t_${position}`, now));
        } else if (r < 0.8) {
          const patch =
            rand() < 0.5 ? { paused: rand() < 0.3 } : { ratePerMinute: Math.floor(rand() * 300) };
          answers = await each((s) => s.configure(eventId, patch, now));
        } else {
          answers = await each((s) => s.state(eventId, now));
        }
        expect(answers[1], `step ${step} at ${now}`).toEqual(answers[0]);
      }
    },
  );
});
