import type { LockResult, SeatLocks } from './types';

interface LockEntry {
  owner: string;
  expiresAt: number;
}

/**
 * In-process seat locks for local runs and tests: a Map with expiry.
 * Same semantics as the Redis adapter (all-or-nothing, owner-only release, re-entrant for
 * the same owner, which also refreshes the TTL). Only safe within one process.
 *
 * @param clock epoch milliseconds; pass a fake clock to test expiry without waiting.
 * @example const locks = createMemoryLocks();
 */
export function createMemoryLocks(clock: () => number = Date.now): SeatLocks {
  const entries = new Map<string, LockEntry>();

  const liveOwner = (key: string, now: number): string | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      entries.delete(key);
      return undefined;
    }
    return entry.owner;
  };

  return {
    async acquireAll(keys, owner, ttlMs): Promise<LockResult> {
      const unique = [...new Set(keys)];
      const now = clock();
      const taken = unique.filter((key) => {
        const current = liveOwner(key, now);
        return current !== undefined && current !== owner;
      });
      if (taken.length > 0) return { ok: false, taken };
      for (const key of unique) entries.set(key, { owner, expiresAt: now + ttlMs });
      return { ok: true };
    },

    async releaseAll(keys, owner) {
      const now = clock();
      let released = 0;
      for (const key of new Set(keys)) {
        if (liveOwner(key, now) === owner) {
          entries.delete(key);
          released += 1;
        }
      }
      return released;
    },

    async ping() {},
  };
}
