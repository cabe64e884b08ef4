import { computed, signal } from '@preact/signals';

/**
 * The seats a buyer picked on the map before holding them. Shared by the seat map, the
 * summary bar and the hold button.
 */

export interface CartSeat {
  seatId: string;
  label: string;
  priceCents: number;
}

export const cartSeats = signal<CartSeat[]>([]);

export const cartTotalCents = computed(() =>
  cartSeats.value.reduce((sum, seat) => sum + seat.priceCents, 0),
);

/** Adds the seat, or removes it when already picked; refuses past `max` seats. */
export function toggleSeat(seat: CartSeat, max: number): boolean {
  const current = cartSeats.value;
  if (current.some((s) => s.seatId === seat.seatId)) {
    cartSeats.value = current.filter((s) => s.seatId !== seat.seatId);
    return true;
  }
  if (current.length >= max) return false;
  cartSeats.value = [...current, seat];
  return true;
}

export function isInCart(seatId: string): boolean {
  return cartSeats.value.some((s) => s.seatId === seatId);
}

export function clearCart(): void {
  cartSeats.value = [];
}
