import { describe, expect, it } from 'vitest';
import { cartSeats, cartTotalCents, clearCart, toggleSeat } from './cart';

describe('cart', () => {
  it('toggles seats, sums their prices, and refuses seats past the limit', () => {
    clearCart();
    const seat = (n: number) => ({
      seatId: `floor-a:A:${n}`,
      label: `seat ${n}`,
      priceCents: 8500,
    });
    expect(toggleSeat(seat(1), 2)).toBe(true);
    expect(toggleSeat(seat(2), 2)).toBe(true);
    expect(toggleSeat(seat(3), 2)).toBe(false);
    expect(cartTotalCents.value).toBe(17_000);
    toggleSeat(seat(1), 2);
    expect(cartSeats.value.map((s) => s.seatId)).toEqual(['floor-a:A:2']);
  });
});
