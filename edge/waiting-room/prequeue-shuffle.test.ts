import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commitmentOf, newSeed, prequeuePositions, shuffleOrder } from './prequeue-shuffle';
import { verifyPrequeueLog } from './prequeue-verify';

const SEED = `${'00'.repeat(31)}01`;

/** The documented algorithm written independently with node:crypto (the previous code). */
function referenceOrder(seedHex: string, n: number): number[] {
  const key = Buffer.from(seedHex, 'hex');
  const order = Array.from({ length: n }, (_, i) => i);
  const message = Buffer.alloc(8);
  let counter = 0n;
  const draw = () => {
    message.writeBigUInt64BE(counter++);
    return createHmac('sha256', key).update(message).digest().readUIntBE(0, 6);
  };
  for (let i = n - 1; i >= 1; i--) {
    const limit = 2 ** 48 - (2 ** 48 % (i + 1));
    let x = draw();
    while (x >= limit) x = draw();
    const j = x % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

describe('pre-queue shuffle', () => {
  it('commits to the seed with SHA-256 of its bytes', async () => {
    const expected = createHash('sha256').update(Buffer.from(SEED, 'hex')).digest('hex');
    expect(await commitmentOf(SEED)).toBe(expected);
    expect(newSeed()).toMatch(/^[0-9a-f]{64}$/);
    expect(newSeed()).not.toBe(newSeed());
  });

  it('is a deterministic permutation of the join indices', async () => {
    const order = await shuffleOrder(SEED, 500);
    expect(await shuffleOrder(SEED, 500)).toEqual(order);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(await shuffleOrder('ff'.repeat(32), 500)).not.toEqual(order);
    expect(await shuffleOrder(SEED, 0)).toEqual([]);
    expect(await shuffleOrder(SEED, 1)).toEqual([0]);
  });

  it('follows the documented draw: first 6 bytes of HMAC-SHA256(seed, counter) mod (i+1)', async () => {
    const key = Buffer.from(SEED, 'hex');
    const msg = Buffer.alloc(8); // counter 0
    const x = createHmac('sha256', key).update(msg).digest().readUIntBE(0, 6);
    const j = x % 2; // n = 2: one draw for i = 1, no rejection possible at this bound
    expect(await shuffleOrder(SEED, 2)).toEqual(j === 1 ? [0, 1] : [1, 0]);
  });

  it('gives the same order as an independent node:crypto implementation, across draw batches', async () => {
    for (const [seed, n] of [
      [SEED, 3],
      ['ab'.repeat(32), 1025],
      [newSeed(), 2_500],
    ] as const) {
      expect(await shuffleOrder(seed, n)).toEqual(referenceOrder(seed, n));
    }
  });

  it('spreads every join index over all positions (no bias toward early joiners)', async () => {
    const n = 8;
    const firstPlace = new Array<number>(n).fill(0);
    for (let s = 0; s < 4_000; s++) {
      const seed = createHash('sha256').update(String(s)).digest('hex');
      firstPlace[(await shuffleOrder(seed, n))[0] as number] += 1;
    }
    // Each join index should take first place ≈ 500 times; 4 σ ≈ 84.
    for (const count of firstPlace) expect(Math.abs(count - 500)).toBeLessThan(90);
  });

  it('maps join order to positions after the base, and the verifier agrees', async () => {
    const positions = await prequeuePositions(SEED, 30, 7);
    expect([...positions].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 8),
    );
    const log = {
      seed: SEED,
      commitment: await commitmentOf(SEED),
      base: 7,
      entries: positions.map((position, i) => ({ ticketId: `t_${i}`, joinOrder: i + 1, position })),
    };
    expect(await verifyPrequeueLog(log, await commitmentOf(SEED))).toMatchObject({
      ok: true,
      checked: 30,
    });
    expect((await verifyPrequeueLog({ ...log, base: 8 })).mismatches).toHaveLength(30);
    expect((await verifyPrequeueLog({ ...log, seed: null })).ok).toBe(false);
  });
});
