/**
 * Seat locks cut contention before the DynamoDB conditional write, which is the real guard.
 * A lock is owned by a token (the hold id); only its owner can release it.
 */
export interface SeatLocks {
  /**
   * Locks every key or none (all-or-nothing, atomically).
   * @returns `{ ok: true }`, or `{ ok: false, taken }` naming the keys someone else holds.
   */
  acquireAll(keys: readonly string[], owner: string, ttlMs: number): Promise<LockResult>;
  /** Compare-and-delete: releases only the keys still owned by `owner`. Returns how many. */
  releaseAll(keys: readonly string[], owner: string): Promise<number>;
  /** Throws if the backing store cannot be reached (used by /readyz). */
  ping(): Promise<void>;
}

export type LockResult = { ok: true } | { ok: false; taken: string[] };
