import { describe, expect, it } from 'vitest';
import {
  canHold,
  canRelease,
  canSell,
  isSeatFree,
  isSoldTo,
  type SeatState,
  seatStatusAt,
} from './seat-state';

const NOW = 1_000_000;
const available: SeatState = { status: 'AVAILABLE' };
const held: SeatState = { status: 'HELD', holdId: 'h_1', expiresAt: NOW + 60_000 };
const lapsed: SeatState = { status: 'HELD', holdId: 'h_1', expiresAt: NOW - 1 };
const sold: SeatState = { status: 'SOLD', orderId: 'o_1' };

describe('seat state rules', () => {
  it('treats available seats and lapsed holds as free, live holds and sales as taken', () => {
    expect([available, held, lapsed, sold].map((s) => isSeatFree(s, NOW))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect([available, held, lapsed, sold].map((s) => canHold(s, NOW))).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('keeps a hold live up to and including its expiry instant', () => {
    const edge: SeatState = { status: 'HELD', holdId: 'h_1', expiresAt: NOW };
    expect(isSeatFree(edge, NOW)).toBe(false);
    expect(canSell(edge, 'h_1', NOW)).toBe(true);
    expect(isSeatFree(edge, NOW + 1)).toBe(true);
  });

  it('lets only the holding hold sell, and only while live when a time is given', () => {
    expect(canSell(held, 'h_1', NOW)).toBe(true);
    expect(canSell(held, 'h_2', NOW)).toBe(false);
    expect(canSell(lapsed, 'h_1', NOW)).toBe(false);
    expect(canSell(lapsed, 'h_1')).toBe(true);
    expect(canSell(available, 'h_1')).toBe(false);
    expect(canSell(sold, 'h_1')).toBe(false);
  });

  it('lets only the holding hold release, and recognises a repeated sale', () => {
    expect(canRelease(lapsed, 'h_1')).toBe(true);
    expect(canRelease(held, 'h_2')).toBe(false);
    expect(canRelease(sold, 'h_1')).toBe(false);
    expect(isSoldTo(sold, 'o_1')).toBe(true);
    expect(isSoldTo(sold, 'o_2')).toBe(false);
  });

  it('shows lapsed holds as available', () => {
    expect([available, held, lapsed, sold].map((s) => seatStatusAt(s, NOW))).toEqual([
      'available',
      'held',
      'available',
      'sold',
    ]);
  });
});
