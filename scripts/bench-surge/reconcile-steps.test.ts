import { describe, expect, it } from 'vitest';
import type { Reconciliation } from '../../tests/helpers/reconcile';
import { stepVerdict } from './reconcile-steps';

const scan = (violations: Reconciliation['violations']): Reconciliation => ({
  capacity: 10,
  seats: { available: 10, held: 0, sold: 0 },
  records: { liveHoldSeats: 0, confirmedTickets: 0 },
  holds: {},
  orders: {},
  violations,
});

describe('a surge step verdict from its reconciliation scan', () => {
  it('is all zeros for a clean scan', () => {
    expect(stepVerdict(scan([]))).toEqual({ doubleBookings: 0, unrefunded: 0, violations: [] });
  });

  it('counts each double-booked seat once, unrefunded failed orders, and every kind', () => {
    const verdict = stepVerdict(
      scan([
        { kind: 'seat_claimed_twice', seatId: 'a:A:1', detail: '' },
        { kind: 'seat_sold_twice', seatId: 'a:A:1', detail: '' },
        { kind: 'seat_sold_twice', seatId: 'a:A:2', detail: '' },
        { kind: 'failed_order_paid_not_refunded', detail: 'o1' },
        { kind: 'failed_order_paid_not_refunded', detail: 'o2' },
      ]),
    );
    expect(verdict).toEqual({
      doubleBookings: 2,
      unrefunded: 2,
      violations: ['seat_claimed_twice×1', 'seat_sold_twice×2', 'failed_order_paid_not_refunded×2'],
    });
  });
});
