import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * The provably fair pre-queue shuffle. Buyers who join before the on-sale time are written to a
 * join log in arrival order; at opening they get positions from a deterministic shuffle driven
 * by a secret seed that the room committed to when it was configured:
 *
 * - `seed`: 32 random bytes, created at configure time, hex in the API.
 * - `commitment = SHA-256(seed bytes)`, hex: published in `GET /wr/{event}/state` before
 *   opening; the seed itself is published after opening, so nobody (not even the operator,
 *   once the commitment is out) can pick an order that favours anyone.
 * - Fisher–Yates over `order = [0 … n−1]` (join indices), from the back:
 *   for `i = n−1 … 1`, draw `x` = the first 6 bytes (big-endian) of
 *   `HMAC-SHA256(key = seed bytes, message = counter as 8-byte big-endian)`, `counter` starting at
 *   0 and incremented per draw; redraw while `x ≥ 2^48 − (2^48 mod (i+1))` (no modulo bias);
 *   `j = x mod (i+1)`; swap `order[i]` and `order[j]`.
 * - The buyer at `order[k]` (0-based join index) gets position `base + k + 1`, where `base` is
 *   the last position issued before opening (0 for a fresh room).
 *
 * `scripts/verify-prequeue.ts` recomputes every position from the published seed and join log.
 */

const RANGE = 2 ** 48;

/** SHA-256 of the seed's bytes, hex: what `state` publishes before opening. */
export function commitmentOf(seedHex: string): string {
  return createHash('sha256').update(Buffer.from(seedHex, 'hex')).digest('hex');
}

/** A fresh seed: 32 random bytes, hex. */
export function newSeed(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The shuffled join indices: `order[k]` is the join index (0-based) of the buyer at position
 * `base + k + 1`. Deterministic in (seed, n).
 * @example shuffleOrder(seed, 3) // e.g. [2, 0, 1]
 */
export function shuffleOrder(seedHex: string, n: number): number[] {
  const key = Buffer.from(seedHex, 'hex');
  const order = Array.from({ length: n }, (_, i) => i);
  const message = Buffer.alloc(8);
  let counter = 0n;
  const draw = () => {
    message.writeBigUInt64BE(counter++);
    return createHmac('sha256', key).update(message).digest().readUIntBE(0, 6);
  };
  for (let i = n - 1; i >= 1; i--) {
    const bound = i + 1;
    const limit = RANGE - (RANGE % bound);
    let x = draw();
    while (x >= limit) x = draw();
    const j = x % bound;
    const held = order[i] as number;
    order[i] = order[j] as number;
    order[j] = held;
  }
  return order;
}

/** Positions by join index: `positions[joinIndex] = base + k + 1` (the inverse of the order). */
export function prequeuePositions(seedHex: string, n: number, base: number): number[] {
  const positions = new Array<number>(n);
  shuffleOrder(seedHex, n).forEach((joinIndex, k) => {
    positions[joinIndex] = base + k + 1;
  });
  return positions;
}
