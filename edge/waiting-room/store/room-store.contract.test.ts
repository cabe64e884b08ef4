import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl } from '../../../tests/helpers/redis';
import {
  type Fixture,
  implementations,
  joinAs,
  joinInOrder,
  joinMany as joinParallel,
  MIN,
  T0,
} from './contract-fixtures';
import type { RoomStore } from './types';

/** Long enough that nobody counts as gone in tests about the rate itself. */
const STAYS = { abandonAfterSeconds: 86_400 };

describe.each(implementations)('RoomStore contract: %s', (_name, needsRedis, make) => {
  describe.skipIf(needsRedis && !redisUrl)('', () => {
    let fixture: Fixture;
    let store: RoomStore;
    let n = 0;
    /** A fresh event per test, so tests never share a room. */
    const event = () => `evt-${++n}`;

    beforeAll(async () => {
      fixture = await make();
      store = fixture.store;
    });
    afterAll(async () => fixture?.close());

    /** Sequential joins: ticket `t_<i>` holds position i. */
    const joinMany = (eventId: string, count: number, now = T0) =>
      joinInOrder(store, eventId, count, now);

    it('answers null for an event that was never configured', async () => {
      const id = event();
      expect(await store.getConfig(id)).toBeNull();
      expect(await store.state(id, T0)).toBeNull();
      expect(await joinAs(store, id, 1)).toBeNull();
      expect(await store.admit(id, 't_x', 1, T0)).toBeNull();
      expect(await store.release(id, 't_x', T0)).toBe(false);
    });

    it('creates the room on configure with the wide-open defaults, then merges patches', async () => {
      const id = event();
      expect(await store.configure(id, { ratePerMinute: 60 }, T0)).toEqual({
        ratePerMinute: 60,
        maxActive: 100_000,
        sessionSeconds: 900,
        paused: false,
        queueAll: false,
        opensAt: null,
        mode: 'fixed',
        targetP95Ms: 800,
        minRatePerMinute: 1,
        maxRatePerMinute: 100_000,
        abandonAfterSeconds: 60,
      });
      await store.configure(id, { paused: true, opensAt: T0 + MIN }, T0);
      expect(await store.getConfig(id)).toMatchObject({
        ratePerMinute: 60,
        paused: true,
        opensAt: T0 + MIN,
      });
      await store.configure(id, { opensAt: null }, T0);
      expect((await store.getConfig(id))?.opensAt).toBeNull();
    });

    it('rejects an invalid config with validation_failed', async () => {
      await expect(store.configure(event(), { ratePerMinute: 1.5 }, T0)).rejects.toMatchObject({
        code: 'validation_failed',
      });
    });

    it('issues consecutive positions, also to parallel joins', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 0 }, T0);
      const byPosition = await joinParallel(store, id, 40);
      expect([...byPosition.keys()].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      expect(new Set(byPosition.values()).size).toBe(40);
      expect((await store.state(id, T0))?.queueLength).toBe(40);
    });

    it('advances the serving number by rate exactly over many small reads', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 37, ...STAYS }, T0);
      await joinMany(id, 100);
      for (let t = 0; t <= 120_000; t += 1_777) await store.state(id, T0 + t);
      const end = await store.state(id, T0 + 120_000);
      expect(end?.servingNumber).toBe(74); // 37/min × 2 min
    });

    it('never passes the last issued position', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 600 }, T0);
      await joinMany(id, 3);
      expect((await store.state(id, T0 + MIN))?.servingNumber).toBe(3);
    });

    it('admits a position at or below the serving number once, and never a second slot', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 60, sessionSeconds: 300 }, T0);
      await joinMany(id, 5);
      expect((await store.admit(id, 't_5', 5, T0 + 1_000))?.status).toBe('waiting');
      const first = await store.admit(id, 't_1', 1, T0 + 1_000);
      expect(first).toMatchObject({ status: 'admitted', expiresAt: T0 + 1_000 + 300_000 });
      const again = await store.admit(id, 't_1', 1, T0 + 2_000);
      expect(again).toMatchObject({ status: 'already_admitted', expiresAt: T0 + 301_000 });
      expect(again?.room).toMatchObject({ activeBuyers: 1, admittedTotal: 1 });
    });

    it('keeps active buyers within maxActive, and a release frees the slot at once', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 6000, maxActive: 2, ...STAYS }, T0);
      await joinMany(id, 5);
      await store.state(id, T0 + MIN);
      expect((await store.admit(id, 't_1', 1, T0 + MIN))?.status).toBe('admitted');
      expect((await store.admit(id, 't_2', 2, T0 + MIN))?.status).toBe('admitted');
      const state = await store.state(id, T0 + 2 * MIN);
      expect(state).toMatchObject({ servingNumber: 2, activeBuyers: 2 });
      expect(await store.release(id, 't_1', T0 + 2 * MIN)).toBe(true);
      expect(await store.release(id, 't_1', T0 + 2 * MIN)).toBe(false);
      expect((await store.admit(id, 't_1', 1, T0 + 2 * MIN))?.status).toBe('ended');
      expect((await store.state(id, T0 + 2 * MIN + 1_000))?.servingNumber).toBe(3);
      expect((await store.admit(id, 't_3', 3, T0 + 2 * MIN + 1_000))?.status).toBe('admitted');
      const after = await store.state(id, T0 + 2 * MIN + 1_000);
      expect(after?.activeBuyers).toBe(2);
      expect(after?.departureRatePerMinute).toBeGreaterThan(0);
    });

    it('answers full when invited but every slot is taken', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 6000, maxActive: 5, ...STAYS }, T0);
      await joinMany(id, 3);
      await store.state(id, T0 + MIN);
      await store.configure(id, { maxActive: 1 }, T0 + MIN);
      expect((await store.admit(id, 't_1', 1, T0 + MIN))?.status).toBe('admitted');
      expect((await store.admit(id, 't_2', 2, T0 + MIN))?.status).toBe('full');
    });

    it('frees the slots of expired sessions', async () => {
      const id = event();
      await store.configure(
        id,
        { ratePerMinute: 6000, maxActive: 1, sessionSeconds: 60, ...STAYS },
        T0,
      );
      await joinMany(id, 2);
      await store.state(id, T0 + 1_000);
      expect((await store.admit(id, 't_1', 1, T0 + 1_000))?.status).toBe('admitted');
      expect((await store.state(id, T0 + 30_000))?.servingNumber).toBe(1);
      const later = await store.state(id, T0 + 61_001);
      expect(later).toMatchObject({ activeBuyers: 0, servingNumber: 2 });
      expect((await store.admit(id, 't_1', 1, T0 + 61_001))?.status).toBe('ended');
    });

    it('admits nobody while paused or before opensAt', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 60, paused: true, ...STAYS }, T0);
      await joinMany(id, 10);
      expect((await store.state(id, T0 + MIN))?.servingNumber).toBe(0);
      await store.configure(id, { paused: false, opensAt: T0 + 2 * MIN }, T0 + MIN);
      expect((await store.state(id, T0 + 2 * MIN - 1))?.servingNumber).toBe(0);
      expect((await store.state(id, T0 + 2 * MIN + 5_000))?.servingNumber).toBe(5);
    });

    it('applies a rate change from the moment it is configured', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 60, ...STAYS }, T0);
      await joinMany(id, 200);
      await store.configure(id, { ratePerMinute: 600 }, T0 + 10_000);
      expect((await store.state(id, T0 + 20_000))?.servingNumber).toBe(10 + 100);
    });

    it('never admits more than maxActive under many parallel state and admit calls', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 60_000, maxActive: 7 }, T0);
      await joinMany(id, 60);
      const calls: Promise<unknown>[] = [];
      const admitted: string[] = [];
      for (let i = 1; i <= 60; i++) {
        const now = T0 + 1 + ((i * 7) % 50);
        calls.push(store.state(id, now));
        for (let copy = 0; copy < 2; copy++) {
          calls.push(
            store.admit(id, `t_${i}`, i, now).then((r) => {
              if (r?.status === 'admitted') admitted.push(`t_${i}`);
            }),
          );
        }
      }
      await Promise.all(calls);
      expect(admitted.length).toBeGreaterThan(0);
      expect(admitted.length).toBeLessThanOrEqual(7);
      expect(new Set(admitted).size).toBe(admitted.length);
      const state = await store.state(id, T0 + 100);
      expect(state).toMatchObject({
        activeBuyers: admitted.length,
        admittedTotal: admitted.length,
      });
    });

    it('reports whether a ticket’s session is live, ended, not begun or unknown', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 60, sessionSeconds: 60, ...STAYS }, T0);
      await joinMany(id, 3);
      await store.state(id, T0 + 2_000);
      expect(await store.sessionOf(id, 't_1', T0 + 2_000)).toBe('waiting');
      await store.admit(id, 't_1', 1, T0 + 2_000);
      await store.admit(id, 't_2', 2, T0 + 2_000);
      expect(await store.sessionOf(id, 't_1', T0 + 3_000)).toBe('active');
      await store.release(id, 't_1', T0 + 3_000);
      expect(await store.sessionOf(id, 't_1', T0 + 3_000)).toBe('ended');
      expect(await store.sessionOf(id, 't_2', T0 + 61_999)).toBe('active');
      expect(await store.sessionOf(id, 't_2', T0 + 62_000)).toBe('ended');
      expect(await store.sessionOf(id, 't_nobody', T0 + 3_000)).toBe('unknown');
      expect(await store.sessionOf(event(), 't_1', T0 + 3_000)).toBe('unknown');
    });

    it('counts joins in a fixed window and refuses past the limit with Retry-After', async () => {
      const key = `ip-${event()}`;
      const hits = [];
      for (let i = 0; i < 4; i++) hits.push(await store.hitRateLimit(key, 3, 60, T0 + 10_000));
      expect(hits.map((h) => h.allowed)).toEqual([true, true, true, false]);
      expect(hits[3]).toMatchObject({ count: 4, retryAfterSeconds: 50 });
      expect((await store.hitRateLimit(key, 3, 60, T0 + MIN)).allowed).toBe(true);
    });
  });
});
