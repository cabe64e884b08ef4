import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDynamo, type TestDynamo } from '../../testing/dynalite';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db.close());

const seat = (n: number) => ({ eventId: 'ev-seat', sectionId: 'sec', seatId: `sec:A:${n}` });

describe('SeatRepo conditional writes', () => {
  it('seeds seats AVAILABLE in the section partition', async () => {
    await db.store.seats.seed(Array.from({ length: 60 }, (_, i) => seat(i + 1)));
    const seats = await db.store.seats.listSection('ev-seat', 'sec', true);
    expect(seats).toHaveLength(60);
    expect(seats.every((s) => s.state === 'AVAILABLE')).toBe(true);
  });

  it('holds an available seat once; a second hold is refused until the first expires', async () => {
    const now = 1_000_000;
    expect(await db.store.seats.hold(seat(1), 'h_a', now + 1000, now)).toBe(true);
    expect(await db.store.seats.hold(seat(1), 'h_b', now + 1000, now + 10)).toBe(false);
    expect(await db.store.seats.hold(seat(1), 'h_a', now + 1000, now + 10)).toBe(true);
    expect(await db.store.seats.hold(seat(1), 'h_b', now + 5000, now + 2000)).toBe(true);
    expect(await db.store.seats.get(seat(1))).toMatchObject({ state: 'HELD', holdId: 'h_b' });
  });

  it('fences: a stale holder can neither release nor sell a seat now held by another', async () => {
    expect(await db.store.seats.release(seat(1), 'h_a')).toBe(false);
    expect(await db.store.seats.sell(seat(1), 'h_a', 'o_a')).toBe(false);
    expect(await db.store.seats.get(seat(1))).toMatchObject({ state: 'HELD', holdId: 'h_b' });
  });

  it('sells only to the holder, idempotently, and never holds a sold seat', async () => {
    expect(await db.store.seats.sell(seat(1), 'h_b', 'o_b')).toBe(true);
    expect(await db.store.seats.sell(seat(1), 'h_b', 'o_b')).toBe(true);
    expect(await db.store.seats.hold(seat(1), 'h_c', Number.MAX_SAFE_INTEGER, Date.now())).toBe(
      false,
    );
    expect(await db.store.seats.unsell(seat(1), 'o_other')).toBe(false);
    expect(await db.store.seats.unsell(seat(1), 'o_b')).toBe(true);
    expect(await db.store.seats.get(seat(1))).toMatchObject({ state: 'AVAILABLE' });
  });

  it('refuses to hold a seat that does not exist', async () => {
    expect(await db.store.seats.hold(seat(999), 'h_x', 2, 1)).toBe(false);
    expect(await db.store.seats.get(seat(999))).toBeUndefined();
  });

  it('never re-holds a sold seat, not even for the hold that bought it, however late', async () => {
    const now = 2_000_000;
    expect(await db.store.seats.hold(seat(5), 'h_buy', now + 1000, now)).toBe(true);
    expect(await db.store.seats.sell(seat(5), 'h_buy', 'o_buy')).toBe(true);
    expect(await db.store.seats.hold(seat(5), 'h_buy', now + 1000, now)).toBe(false);
    expect(await db.store.seats.hold(seat(5), 'h_new', now + 9e9, now + 9e9)).toBe(false);
    expect(await db.store.seats.get(seat(5))).toMatchObject({ state: 'SOLD', orderId: 'o_buy' });
  });
});
