import type { OrderRecord } from '../models';

/** The CSV columns, in order. */
export const ORDER_CSV_COLUMNS = [
  'orderId',
  'status',
  'email',
  'createdAt',
  'totalCents',
  'currency',
  'tickets',
  'seatIds',
  'refundCents',
  'cancelledAt',
] as const;

/**
 * One CSV cell (RFC 4180 quoting). Cells that a spreadsheet would run as a formula (`=`, `+`,
 * `-`, `@`, tab, CR) get a leading `'`: buyer emails end up in organizers' spreadsheets.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * An event's orders as CSV (header line first, CRLF line ends), one row per order. Pure.
 * @example ordersCsv(orders).split('\r\n')[0] === ORDER_CSV_COLUMNS.join(',')
 */
export function ordersCsv(orders: readonly OrderRecord[]): string {
  const rows = orders.map((o) =>
    [
      o.id,
      o.status,
      o.email,
      new Date(o.createdAt).toISOString(),
      o.totalCents,
      o.currency,
      o.tickets.length,
      o.tickets.map((t) => t.seatId).join(' '),
      o.refund?.amountCents,
      o.cancelledAt !== undefined ? new Date(o.cancelledAt).toISOString() : undefined,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[ORDER_CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
