import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SeatLocks } from './types';

/** What a seat-locks implementation hands the contract suite. */
export interface SeatLocksHarness {
  /** The locks under test. */
  locks: SeatLocks;
  /** More clients over the same store (the concurrency case races them). */
  peers: SeatLocks[];
  /** Lets `ms` pass: a fake clock advances, a real store waits. */
  elapse(ms: number): Promise<void>;
  /** Deletes what the test wrote and closes clients. */
  cleanup(): Promise<void>;
}

/**
 * The behaviour every {@link SeatLocks} implementation must show. Memory and Redis both run it,
 * so local runs behave like production.
 *
 * @example describeSeatLocksContract('memory', async () => ({ locks, peers: [locks], elapse, cleanup }));
 */
export function describeSeatLocksContract(
  name: string,
  make: () => Promise<SeatLocksHarness>,
): void {
  describe(`SeatLocks contract: ${name}`, () => {
    let h: SeatLocksHarness;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('locks every free key for its owner and reports the others as taken', async () => {
      expect(await h.locks.acquireAll(['a', 'b'], 'owner-1', 10_000)).toEqual({ ok: true });
      expect(await h.locks.acquireAll(['b', 'c'], 'owner-2', 10_000)).toEqual({
        ok: false,
        taken: ['b'],
      });
    });

    it('locks nothing when one key is taken (all-or-nothing)', async () => {
      await h.locks.acquireAll(['b'], 'owner-1', 10_000);
      const result = await h.locks.acquireAll(['a', 'b', 'c'], 'owner-2', 10_000);
      expect(result).toEqual({ ok: false, taken: ['b'] });
      expect(await h.locks.acquireAll(['a', 'c'], 'owner-3', 10_000)).toEqual({ ok: true });
    });

    it('lets the same owner acquire its own keys again', async () => {
      await h.locks.acquireAll(['a'], 'owner-1', 10_000);
      expect(await h.locks.acquireAll(['a', 'b'], 'owner-1', 10_000)).toEqual({ ok: true });
    });

    it('releases only the keys the owner still holds', async () => {
      await h.locks.acquireAll(['a', 'b'], 'owner-1', 10_000);
      await h.locks.acquireAll(['c'], 'owner-2', 10_000);
      expect(await h.locks.releaseAll(['a', 'b', 'c'], 'owner-2')).toBe(1);
      expect(await h.locks.acquireAll(['a'], 'owner-3', 10_000)).toEqual({
        ok: false,
        taken: ['a'],
      });
      expect(await h.locks.releaseAll(['a', 'b', 'c'], 'owner-1')).toBe(2);
      expect(await h.locks.acquireAll(['a', 'b', 'c'], 'owner-3', 10_000)).toEqual({ ok: true });
    });

    it('frees a lock once its TTL has passed', async () => {
      await h.locks.acquireAll(['a'], 'owner-1', 50);
      await h.elapse(100);
      expect(await h.locks.acquireAll(['a'], 'owner-2', 10_000)).toEqual({ ok: true });
    });

    it('never lets an owner whose lock expired release the next owner’s lock', async () => {
      await h.locks.acquireAll(['a', 'b'], 'owner-1', 50);
      await h.elapse(100);
      expect(await h.locks.acquireAll(['a'], 'owner-2', 10_000)).toEqual({ ok: true });
      expect(await h.locks.releaseAll(['a', 'b'], 'owner-1')).toBe(0);
      expect(await h.locks.acquireAll(['a'], 'owner-3', 10_000)).toEqual({
        ok: false,
        taken: ['a'],
      });
    });

    it('lets exactly one of many concurrent acquirers of the same seats win', async () => {
      const clients = [h.locks, ...h.peers];
      const owners = Array.from({ length: 24 }, (_, i) => `owner-${i}`);
      const results = await Promise.all(
        owners.map((owner, i) =>
          clients[i % clients.length].acquireAll(['s1', 's2', `own-${i}`], owner, 10_000),
        ),
      );
      const winners = owners.filter((_, i) => results[i].ok);
      expect(winners, JSON.stringify(results)).toHaveLength(1);
      // Losers locked nothing, not even their own uncontested key.
      const loserKeys = owners.map((o, i) => (o === winners[0] ? 'free' : `own-${i}`));
      expect(await h.locks.acquireAll(loserKeys, 'probe', 10_000)).toEqual({ ok: true });
    });

    it('gives each key of overlapping concurrent requests to at most one owner', async () => {
      const clients = [h.locks, ...h.peers];
      const sets = Array.from({ length: 20 }, (_, i) => [`k${i}`, `k${i + 1}`, `k${i + 2}`]);
      const results = await Promise.all(
        sets.map((keys, i) => clients[i % clients.length].acquireAll(keys, `owner-${i}`, 10_000)),
      );
      const owned = new Map<string, number>();
      sets.forEach((keys, i) => {
        if (!results[i].ok) return;
        for (const key of keys) owned.set(key, (owned.get(key) ?? 0) + 1);
      });
      expect(owned.size, JSON.stringify(results)).toBeGreaterThan(0);
      expect(
        [...owned.values()].every((count) => count === 1),
        JSON.stringify(results),
      ).toBe(true);
    });

    it('answers ping while the store is reachable', async () => {
      await expect(h.locks.ping()).resolves.toBeUndefined();
    });
  });
}
