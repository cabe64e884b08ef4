import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../models';
import { csvCell, ORDER_CSV_COLUMNS, ordersCsv } from './orders-csv';

function order(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id: 'o_1',
    status: 'CONFIRMED',
    eventId: 'ev',
    holdId: 'h_1',
    ticketId: 't_1',
    email: 'ann@example.com',
    totalCents: 5000,
    currency: 'USD',
    paymentId: 'p_1',
    secretHash: 'x',
    tickets: [
      { id: 't_a', seatId: 'main:A:1', code: 'c' },
      { id: 't_b', seatId: 'main:A:2', code: 'c' },
    ],
    createdAt: Date.UTC(2030, 0, 1),
    ...overrides,
  };
}

describe('orders CSV export', () => {
  it('has a header row and one row per order', () => {
    const lines = ordersCsv([order(), order({ id: 'o_2', status: 'CANCELLED' })]).split('\r\n');
    expect(lines[0]).toBe(ORDER_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe(
      'o_1,CONFIRMED,ann@example.com,2030-01-01T00:00:00.000Z,5000,USD,2,main:A:1 main:A:2,,',
    );
    expect(lines).toHaveLength(4); // header, two rows, final empty after the last CRLF
  });

  it('quotes commas and quotes, and defuses spreadsheet formulas', () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@sum')).toBe("'@sum");
    expect(csvCell(-5)).toBe('-5');
  });

  it('shows refunds and cancellation times', () => {
    const row = ordersCsv([
      order({
        status: 'CANCELLED',
        cancelledAt: Date.UTC(2030, 0, 2),
        refund: { refundId: 'r_1', amountCents: 5000, reason: 'x' },
      }),
    ]).split('\r\n')[1];
    expect(row?.endsWith(',5000,2030-01-02T00:00:00.000Z')).toBe(true);
  });
});
