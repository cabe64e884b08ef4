import { digest, fromHex, randomBytes, toHex } from './web-crypto';

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
 * Web-standard crypto only (`crypto.subtle` HMAC and SHA-256), hence async.
 */

const RANGE = 2 ** 48;
/** HMAC draws computed at once (they are independent: counter values are known in advance). */
const DRAW_BATCH = 1024;

/** SHA-256 of the seed's bytes, hex: what `state` publishes before opening. */
export async function commitmentOf(seedHex: string): Promise<string> {
  return toHex(await digest('SHA-256', fromHex(seedHex)));
}

/** A fresh seed: 32 random bytes, hex. */
export function newSeed(): string {
  return toHex(randomBytes(32));
}

/**
 * The shuffle's random draws in order: draw `k` is the first 6 bytes (big-endian) of
 * HMAC-SHA256(seed, k as 8-byte big-endian). Computed a batch at a time.
 */
async function drawSource(seedHex: string) {
  const key = await crypto.subtle.importKey(
    'raw',
    fromHex(seedHex),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const sign = async (counter: number) => {
    const message = new Uint8Array(8);
    new DataView(message.buffer).setBigUint64(0, BigInt(counter));
    const mac = new DataView(await crypto.subtle.sign('HMAC', key, message));
    return mac.getUint16(0) * 2 ** 32 + mac.getUint32(2);
  };
  let batch: number[] = [];
  let used = 0;
  let next = 0;
  return async (wanted: number): Promise<number> => {
    if (used === batch.length) {
      const size = Math.max(1, Math.min(DRAW_BATCH, wanted));
      batch = await Promise.all(Array.from({ length: size }, (_, i) => sign(next + i)));
      next += size;
      used = 0;
    }
    return batch[used++] as number;
  };
}

/**
 * The shuffled join indices: `order[k]` is the join index (0-based) of the buyer at position
 * `base + k + 1`. Deterministic in (seed, n).
 * @example await shuffleOrder(seed, 3) // e.g. [2, 0, 1]
 */
export async function shuffleOrder(seedHex: string, n: number): Promise<number[]> {
  const order = Array.from({ length: n }, (_, i) => i);
  if (n < 2) return order;
  const draw = await drawSource(seedHex);
  for (let i = n - 1; i >= 1; i--) {
    const bound = i + 1;
    const limit = RANGE - (RANGE % bound);
    let x = await draw(i);
    while (x >= limit) x = await draw(i);
    const j = x % bound;
    const held = order[i] as number;
    order[i] = order[j] as number;
    order[j] = held;
  }
  return order;
}

/** Positions by join index: `positions[joinIndex] = base + k + 1` (the inverse of the order). */
export async function prequeuePositions(
  seedHex: string,
  n: number,
  base: number,
): Promise<number[]> {
  const positions = new Array<number>(n);
  (await shuffleOrder(seedHex, n)).forEach((joinIndex, k) => {
    positions[joinIndex] = base + k + 1;
  });
  return positions;
}
