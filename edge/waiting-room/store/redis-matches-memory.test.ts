import { Redis as IORedis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { dropPrefix, redisUrl, uniquePrefix } from '../../../tests/helpers/redis';
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

const SEED = 'ab'.repeat(32);

describe.skipIf(!redisUrl)('Redis Lua scripts match the pure policy (memory store)', () => {
  const redis = new IORedis(redisUrl as string);
  const prefix = uniquePrefix('room-diff');
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    await redis.quit();
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'gives identical answers over a random operation sequence (seed %i)',
    async (seed) => {
      const rand = prng(seed);
      const memory = createMemoryRoomStore({ newSeed: () => SEED });
      const lua = createIoredisRoomStore(redis, { prefix, newSeed: () => SEED });
      const stores: RoomStore[] = [memory, lua];
      const eventId = `diff-${seed}`;
      let now = Date.UTC(2030, 0, 1);
      const each = <T>(op: (s: RoomStore) => Promise<T>) => Promise.all(stores.map(op));
      // Draw random values outside `each`, so both stores get the same operation.
      const initial = {
        ratePerMinute: 1 + Math.floor(rand() * 300),
        maxActive: 1 + Math.floor(rand() * 6),
        sessionSeconds: 30,
        abandonAfterSeconds: 5 + Math.floor(rand() * 40),
        // Half the runs start with a pre-queue that opens within the sequence.
        opensAt: rand() < 0.5 ? now + Math.floor(rand() * 60_000) : null,
        mode: rand() < 0.3 ? ('adaptive' as const) : ('fixed' as const),
        minRatePerMinute: 5,
        maxRatePerMinute: 400,
        targetP95Ms: 300,
      };
      await each((s) => s.configure(eventId, initial, now));
      let clients = 0;
      for (let step = 0; step < 300; step++) {
        now += Math.floor(rand() * 2_000);
        const r = rand();
        const client = 1 + Math.floor(rand() * Math.max(1, clients));
        const ticket = `t_${client}`;
        let answers: unknown[];
        if (r < 0.25) {
          // New clients mostly; sometimes an existing client joins again.
          const who = rand() < 0.8 || clients === 0 ? ++clients : client;
          const input = { clientHash: `c_${who}`, ticketId: `t_${who}`, expiresAt: now + 120_000 };
          answers = await each((s) => s.join(eventId, input, now));
        } else if (r < 0.5 && clients > 0) {
          answers = await each((s) => s.admit(eventId, ticket, client, now));
        } else if (r < 0.55 && clients > 0) {
          answers = await each((s) => s.sessionOf(eventId, ticket, now));
        } else if (r < 0.6 && clients > 0) {
          answers = await each((s) => s.release(eventId, ticket, now));
        } else if (r < 0.7 && clients > 0) {
          answers = await each((s) => s.state(eventId, now, ticket));
        } else if (r < 0.75) {
          const health = { p95Ms: Math.floor(rand() * 600), errorRate: rand() * 0.02, at: now };
          answers = await each((s) => s.reportHealth(eventId, health));
        } else if (r < 0.8) {
          const patch =
            rand() < 0.5 ? { paused: rand() < 0.3 } : { ratePerMinute: Math.floor(rand() * 300) };
          answers = await each((s) => s.configure(eventId, patch, now));
        } else {
          answers = await each((s) => s.state(eventId, now));
        }
        expect(answers[1], `step ${step} at ${now}`).toEqual(answers[0]);
      }
      const logs = await each((s) => s.prequeueLog(eventId));
      expect(logs[1]).toEqual(logs[0]);
    },
  );
});
