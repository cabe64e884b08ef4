import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, redisUrl, uniquePrefix } from '../../../tests/helpers/redis';
import { type Fixture, implementations, MIN, T0 } from './contract-fixtures';
import { createIoredisRoomStore } from './ioredis';
import type { RoomStore } from './types';

const join = (store: RoomStore, id: string, client: string, ticketId: string, now: number) =>
  store.join(id, { clientHash: client, ticketId, expiresAt: now + 10 * MIN }, now);

describe.each(implementations)('RoomStore contract, abuse: %s', (_n, needsRedis, make) => {
  describe.skipIf(needsRedis && !redisUrl)('', () => {
    let fixture: Fixture;
    let store: RoomStore;
    let n = 0;
    const event = () => `abuse-${++n}`;
    beforeAll(async () => {
      fixture = await make();
      store = fixture.store;
    });
    afterAll(async () => fixture?.close());

    it('returns the same ticket to a client that already holds a live one, with no new position', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 0 }, T0);
      const first = await join(store, id, 'c_a', 't_a1', T0);
      const again = await join(store, id, 'c_a', 't_a2', T0 + 1_000);
      expect(again).toMatchObject({ ticketId: 't_a1', position: 1, reused: true });
      expect(first?.reused).toBe(false);
      expect((await join(store, id, 'c_b', 't_b1', T0 + 2_000))?.position).toBe(2);
      expect((await store.state(id, T0 + 2_000))?.queueLength).toBe(2);
    });

    it('gives the same admitted ticket while the session lives and a fresh one once it ended', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 6_000, sessionSeconds: 60 }, T0);
      await join(store, id, 'c_a', 't_a1', T0);
      expect((await store.admit(id, 't_a1', 1, T0 + 1_000))?.status).toBe('admitted');
      expect((await join(store, id, 'c_a', 't_a2', T0 + 2_000))?.ticketId).toBe('t_a1');
      await store.release(id, 't_a1', T0 + 3_000);
      const fresh = await join(store, id, 'c_a', 't_a3', T0 + 4_000);
      expect(fresh).toMatchObject({ ticketId: 't_a3', position: 2, reused: false });
      // The old ticket stays used up: admitted once, never again.
      expect((await store.admit(id, 't_a1', 1, T0 + 5_000))?.status).toBe('ended');
    });

    it('forgets ticket and client records once they expire, so a room does not grow forever', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 6_000, sessionSeconds: 60 }, T0);
      await join(store, id, 'c_a', 't_a1', T0); // ticket valid 10 min
      await store.admit(id, 't_a1', 1, T0 + 1_000);
      await store.state(id, T0 + 11 * MIN);
      // Record gone: a new join of the same client is a new ticket, not the ended one.
      expect((await join(store, id, 'c_a', 't_a2', T0 + 11 * MIN))?.ticketId).toBe('t_a2');
    });
  });
});

describe.skipIf(!redisUrl)('Redis room store key growth', () => {
  const redis = new IORedis(redisUrl as string);
  const prefix = uniquePrefix('room-ttl');
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    await redis.quit();
  });

  it('leaves no per-ticket data behind after tickets and sessions expire', async () => {
    const store = createIoredisRoomStore(redis, { prefix });
    await store.configure('ttl-room', { ratePerMinute: 60_000, sessionSeconds: 60 }, T0);
    for (let i = 0; i < 50; i++) await join(store, 'ttl-room', `c_${i}`, `t_${i}`, T0);
    for (let i = 0; i < 25; i++) await store.admit('ttl-room', `t_${i}`, i + 1, T0 + 1_000);
    const base = `${prefix}wr:{ttl-room}:`;
    expect(await redis.hlen(`${base}tickets`)).toBe(50);
    await store.state('ttl-room', T0 + 11 * MIN);
    for (const key of ['tickets', 'clients', 'alive', 'seen', 'ttl', 'active']) {
      const type = await redis.type(`${base}${key}`);
      expect(type, `${key} should be empty`).toBe('none');
    }
  });
});
