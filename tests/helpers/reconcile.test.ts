import { describe, expect, it } from 'vitest';
import type { EventDefinition } from '../../origin/domain/event-definition';
import { type Item, reconcileItems } from './reconcile';

const NOW = 1_700_000_000_000;

/** A two-seat venue: seats `a:A:1` and `a:A:2`. */
const event = {
  id: 'rec-test',
  name: 'Reconcile test',
  description: '',
  venueName: 'Hall',
  startsAt: '2030-01-01T20:00:00Z',
  onSaleAt: '2030-01-01T10:00:00Z',
  currency: 'USD',
  holdMinutes: 10,
  maxPerBuyer: 8,
  tiers: [{ id: 'std', name: 'Standard', priceCents: 5_000 }],
  sections: [
    { id: 'a', name: 'A', kind: 'seated', tierId: 'std', rows: [{ label: 'A', seats: 2 }] },
  ],
} as EventDefinition;

const seat = (n: number, extra: Item = { state: 'AVAILABLE' }): Item => ({
  pk: `EVENT#${event.id}#SEC#a`,
  sk: `SEAT#a:A:${n}`,
  eventId: event.id,
  sectionId: 'a',
  seatId: `a:A:${n}`,
  ...extra,
});

const order = (id: string, status: string, extra: Item = {}): Item => ({
  pk: `ORDER#${id}`,
  sk: 'ORDER',
  id,
  status,
  eventId: event.id,
  holdId: `h_${id}`,
  totalCents: 10_000,
  paymentId: `p_${id}`,
  tickets: [],
  ...extra,
});

const payment = (orderId: string, settled: 'approved' | 'declined'): Item => ({
  pk: `PAYMENT#p_${orderId}`,
  sk: 'PAYMENT',
  paymentId: `p_${orderId}`,
  orderId,
  settled,
});

const kinds = (items: Item[]) => reconcileItems(items, event, NOW).violations.map((v) => v.kind);

describe('reconciliation scan over crafted table items', () => {
  it('accepts a confirmed sale whose seats are SOLD to it', () => {
    const items = [
      seat(1, { state: 'SOLD', orderId: 'o1' }),
      seat(2),
      order('o1', 'CONFIRMED', { tickets: [{ id: 't1', seatId: 'a:A:1', code: 'x' }] }),
      payment('o1', 'approved'),
    ];
    const report = reconcileItems(items, event, NOW);
    expect(report.violations).toEqual([]);
    expect(report.seats).toEqual({ available: 1, held: 0, sold: 1 });
  });

  it('flags a FAILED order whose approved payment was never refunded', () => {
    const items = [seat(1), seat(2), order('o2', 'FAILED'), payment('o2', 'approved')];
    const report = reconcileItems(items, event, NOW);
    expect(report.violations).toEqual([
      expect.objectContaining({ kind: 'failed_order_paid_not_refunded' }),
    ]);
    expect(report.violations[0]?.detail).toMatch(/o2 FAILED .*refunded nothing/);
  });

  it('flags a FAILED paid order refunded for less than its total', () => {
    const partial = { refundId: 'r1', amountCents: 5_000, reason: 'lost seat' };
    const items = [seat(1), seat(2), order('o3', 'FAILED', { refund: partial })];
    expect(kinds([...items, payment('o3', 'approved')])).toEqual([
      'failed_order_paid_not_refunded',
    ]);
  });

  it('accepts a FAILED order refunded in full, and a declined one that took no money', () => {
    const full = { refundId: 'r2', amountCents: 10_000, reason: 'lost seat' };
    const items = [
      seat(1),
      seat(2),
      order('o4', 'FAILED', { refund: full }),
      payment('o4', 'approved'),
      order('o5', 'FAILED', { failureReason: 'card_declined' }),
      payment('o5', 'declined'),
      order('o6', 'FAILED', { failureReason: 'validation_failed' }),
    ];
    expect(kinds(items)).toEqual([]);
  });

  it('still names a seat sold to two confirmed orders', () => {
    const ticket = { id: 't', seatId: 'a:A:1', code: 'x' };
    const items = [
      seat(1, { state: 'SOLD', orderId: 'o7' }),
      seat(2),
      order('o7', 'CONFIRMED', { tickets: [ticket] }),
      order('o8', 'CONFIRMED', { tickets: [ticket] }),
    ];
    expect(kinds(items)).toEqual(expect.arrayContaining(['seat_claimed_twice', 'seat_sold_twice']));
  });
});
