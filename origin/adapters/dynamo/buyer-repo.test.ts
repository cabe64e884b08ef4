import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDynamo, type TestDynamo } from '../../testing/dynalite';
import { keys } from './keys';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db.close());

const NOW = 1_000_000;
const live = (n: number) => ({ n, exp: NOW + 60_000 });

describe('BuyerRepo: the per-buyer limit', () => {
  it('counts holds up to the limit and refuses the one that would pass it', async () => {
    const buyers = db.store.buyers;
    expect(await buyers.reserve('ev', 't_a', 'h_1', live(3), 4, NOW)).toEqual({ ok: true });
    expect(await buyers.reserve('ev', 't_a', 'h_2', live(1), 4, NOW)).toEqual({ ok: true });
    expect(await buyers.reserve('ev', 't_a', 'h_3', live(1), 4, NOW)).toEqual({
      ok: false,
      current: 4,
    });
  });

  it('frees a dropped hold once, and counts a retried hold id only once', async () => {
    const buyers = db.store.buyers;
    await buyers.drop('ev', 't_a', 'h_1', 3);
    await buyers.drop('ev', 't_a', 'h_1', 3); // idempotent: must not free 3 more
    expect(await buyers.reserve('ev', 't_a', 'h_4', live(3), 4, NOW)).toEqual({ ok: true });
    expect(await buyers.reserve('ev', 't_a', 'h_4', live(3), 4, NOW)).toEqual({ ok: true });
    expect(await buyers.reserve('ev', 't_a', 'h_5', live(1), 4, NOW)).toEqual({
      ok: false,
      current: 4,
    });
  });

  it('ignores holds that expired but were not dropped (slow path prunes them)', async () => {
    const buyers = db.store.buyers;
    expect(await buyers.reserve('ev', 't_b', 'h_old', { n: 4, exp: NOW + 10 }, 4, NOW)).toEqual({
      ok: true,
    });
    const later = NOW + 1_000;
    expect(await buyers.reserve('ev', 't_b', 'h_new', live(4), 4, later)).toEqual({ ok: true });
    expect(await buyers.reserve('ev', 't_b', 'h_more', live(1), 4, later)).toEqual({
      ok: false,
      current: 4,
    });
  });

  it('keeps sold seats counted forever, even when the hold was dropped before the sale', async () => {
    const buyers = db.store.buyers;
    await buyers.reserve('ev', 't_c', 'h_s', { n: 2, exp: NOW + 10 }, 4, NOW);
    await buyers.drop('ev', 't_c', 'h_s', 2); // the sweeper expired it…
    await buyers.markSold('ev', 't_c', 'h_s', 2); // …then its payment landed
    await buyers.markSold('ev', 't_c', 'h_s', 2);
    const far = NOW + 86_400_000;
    expect(await buyers.reserve('ev', 't_c', 'h_x', live(3), 4, far)).toEqual({
      ok: false,
      current: 2,
    });
  });

  it('never lets parallel holds of one buyer pass the limit together', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.store.buyers.reserve('ev', 't_par', `h_p${i}`, live(1), 4, NOW),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(4);
  });

  it('reads the earlier one-map layout and rewrites it', async () => {
    const table = (db.store.buyers as unknown as { table: { put(i: object): Promise<boolean> } })
      .table;
    await table.put({ ...keys.buyer('ev', 't_old'), holds: { h_m: live(3) }, version: 2 });
    expect(await db.store.buyers.reserve('ev', 't_old', 'h_n', live(2), 4, NOW)).toEqual({
      ok: false,
      current: 3,
    });
    expect(await db.store.buyers.reserve('ev', 't_old', 'h_n', live(1), 4, NOW)).toEqual({
      ok: true,
    });
  });
});
