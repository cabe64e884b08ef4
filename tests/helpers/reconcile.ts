import { type DynamoDBClient, ScanCommand, type ScanCommandInput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { PaymentRecord } from '../../origin/adapters/dynamo/order-repo';
import type { EventDefinition } from '../../origin/domain/event-definition';
import { seatIdsInOrder } from '../../origin/domain/venue';
import type { HoldRecord, OrderRecord, SeatRecord } from '../../origin/services/models';

/** One broken invariant, named so a failing test says what went wrong and where. */
export interface Violation {
  kind:
    | 'seat_claimed_twice'
    | 'seat_sold_twice'
    | 'ticket_seat_not_sold_to_order'
    | 'live_hold_seat_not_held_by_it'
    | 'sold_seat_without_confirmed_order'
    | 'failed_order_paid_not_refunded'
    | 'counts_do_not_add_up'
    | 'seat_items_do_not_match_venue';
  seatId?: string;
  detail: string;
}

/** What a reconciliation scan found: counts from the seat items and from holds/orders. */
export interface Reconciliation {
  capacity: number;
  /** From the seat items: free (AVAILABLE, or HELD by an expired hold), live-held, sold. */
  seats: { available: number; held: number; sold: number };
  /** From the hold and order records: seats in live ACTIVE holds, tickets of CONFIRMED orders. */
  records: { liveHoldSeats: number; confirmedTickets: number };
  holds: Record<string, number>;
  orders: Record<string, number>;
  violations: Violation[];
}

/** One raw table item, as a Scan returns it (unmarshalled). */
export type Item = Record<string, unknown>;

/**
 * Every item of the table (paginated Scan): the test's ground truth, bypassing the services.
 * Scan once and pass the items to {@link reconcileItems} for each event of the same table.
 */
export async function scanTable(client: DynamoDBClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: ScanCommandInput['ExclusiveStartKey'];
  do {
    const out = await client.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    for (const raw of out.Items ?? []) items.push(unmarshall(raw));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

const tally = (values: string[]) =>
  values.reduce<Record<string, number>>((acc, v) => {
    acc[v] = (acc[v] ?? 0) + 1;
    return acc;
  }, {});

/**
 * Reads every seat item, hold, order and payment of an event straight from the table and checks
 * the zero-double-booking invariants with {@link reconcileItems}. Run it only once the storm has
 * quiesced (no request in flight), at a `now` all sides share.
 *
 * @example const report = await reconcileEvent(client, table, event, Date.now());
 */
export async function reconcileEvent(
  client: DynamoDBClient,
  tableName: string,
  event: EventDefinition,
  now: number,
): Promise<Reconciliation> {
  return reconcileItems(await scanTable(client, tableName), event, now);
}

/**
 * Checks the invariants of ARCHITECTURE.md "Reservations" over raw table items (pure, so a test
 * can hand it crafted items):
 * - every seat is claimed by at most one live hold or CONFIRMED order;
 * - no seat is in the tickets of two CONFIRMED orders;
 * - every ticket of a CONFIRMED order points at a seat item SOLD to that order, and every SOLD
 *   seat item belongs to a CONFIRMED order;
 * - every seat of a live ACTIVE hold is HELD by that hold in its seat item;
 * - every FAILED order whose payment was approved (money taken) carries a refund of its full
 *   total: a buyer who lost the seat never pays for it;
 * - counts add up: available + live-held + sold = capacity, sold = confirmed tickets,
 *   live-held = seats of live holds.
 *
 * @example const report = reconcileItems(items, event, Date.now());
 */
export function reconcileItems(
  items: readonly Item[],
  event: EventDefinition,
  now: number,
): Reconciliation {
  const seatPrefix = `EVENT#${event.id}#SEC#`;
  const seatItems = items.filter((i) =>
    String(i.pk).startsWith(seatPrefix),
  ) as unknown as SeatRecord[];
  const holds = items.filter(
    (i) => i.sk === 'HOLD' && i.eventId === event.id,
  ) as unknown as HoldRecord[];
  const orders = items.filter(
    (i) => i.sk === 'ORDER' && i.eventId === event.id,
  ) as unknown as OrderRecord[];
  const violations: Violation[] = [];

  const venueSeats = event.sections.flatMap((s) => seatIdsInOrder(s));
  const seatById = new Map(seatItems.map((s) => [s.seatId, s]));
  if (seatItems.length !== venueSeats.length || venueSeats.some((id) => !seatById.has(id))) {
    violations.push({
      kind: 'seat_items_do_not_match_venue',
      detail: `${seatItems.length} seat items for ${venueSeats.length} venue seats`,
    });
  }

  const claims = new Map<string, string[]>();
  const claim = (seatId: string, by: string) =>
    claims.set(seatId, [...(claims.get(seatId) ?? []), by]);
  const liveHolds = holds.filter((h) => h.status === 'ACTIVE' && h.expiresAt > now);
  for (const hold of liveHolds) {
    for (const seat of hold.seats) {
      claim(seat.seatId, `hold ${hold.id}`);
      const item = seatById.get(seat.seatId);
      if (item?.state !== 'HELD' || item.holdId !== hold.id) {
        violations.push({
          kind: 'live_hold_seat_not_held_by_it',
          seatId: seat.seatId,
          detail: `live hold ${hold.id} lists it, the seat item is ${item?.state} ${item?.holdId ?? item?.orderId ?? ''}`,
        });
      }
    }
  }

  const confirmed = orders.filter((o) => o.status === 'CONFIRMED');
  const soldTo = new Map<string, string[]>();
  for (const order of confirmed) {
    for (const ticket of order.tickets) {
      claim(ticket.seatId, `order ${order.id}`);
      soldTo.set(ticket.seatId, [...(soldTo.get(ticket.seatId) ?? []), order.id]);
      const item = seatById.get(ticket.seatId);
      if (item?.state !== 'SOLD' || item.orderId !== order.id) {
        violations.push({
          kind: 'ticket_seat_not_sold_to_order',
          seatId: ticket.seatId,
          detail: `order ${order.id} has a ticket, the seat item is ${item?.state} ${item?.orderId ?? item?.holdId ?? ''}`,
        });
      }
    }
  }
  for (const [seatId, by] of claims) {
    if (by.length > 1)
      violations.push({ kind: 'seat_claimed_twice', seatId, detail: by.join(' + ') });
  }
  for (const [seatId, ids] of soldTo) {
    if (ids.length > 1)
      violations.push({ kind: 'seat_sold_twice', seatId, detail: ids.join(' + ') });
  }
  const confirmedIds = new Set(confirmed.map((o) => o.id));
  for (const seat of seatItems) {
    if (seat.state === 'SOLD' && !confirmedIds.has(seat.orderId ?? '')) {
      violations.push({
        kind: 'sold_seat_without_confirmed_order',
        seatId: seat.seatId,
        detail: `SOLD to ${seat.orderId}, which is not a CONFIRMED order`,
      });
    }
  }

  violations.push(...unrefundedFailures(orders, items));

  const sold = seatItems.filter((s) => s.state === 'SOLD').length;
  const held = seatItems.filter((s) => s.state === 'HELD' && (s.expiresAt ?? 0) > now).length;
  const available = seatItems.length - sold - held;
  const liveHoldSeats = liveHolds.reduce((n, h) => n + h.seats.length, 0);
  const confirmedTickets = confirmed.reduce((n, o) => n + o.tickets.length, 0);
  const capacity = venueSeats.length;
  if (available + held + sold !== capacity || sold !== confirmedTickets || held !== liveHoldSeats) {
    violations.push({
      kind: 'counts_do_not_add_up',
      detail:
        `available ${available} + held ${held} + sold ${sold} vs capacity ${capacity}; ` +
        `confirmed tickets ${confirmedTickets}; seats in live holds ${liveHoldSeats}`,
    });
  }

  return {
    capacity,
    seats: { available, held, sold },
    records: { liveHoldSeats, confirmedTickets },
    holds: tally(
      holds.map((h) => (h.status === 'ACTIVE' && h.expiresAt <= now ? 'EXPIRED' : h.status)),
    ),
    orders: tally(orders.map((o) => o.status)),
    violations,
  };
}

/** FAILED orders whose payment was approved but carry no refund of their full total. */
function unrefundedFailures(orders: readonly OrderRecord[], items: readonly Item[]): Violation[] {
  const payments = new Map(
    items
      .filter((i) => i.sk === 'PAYMENT')
      .map((i) => [(i as unknown as PaymentRecord).paymentId, i as unknown as PaymentRecord]),
  );
  return orders
    .filter((o) => o.status === 'FAILED' && payments.get(o.paymentId)?.settled === 'approved')
    .filter((o) => o.refund?.amountCents !== o.totalCents)
    .map((o) => ({
      kind: 'failed_order_paid_not_refunded' as const,
      detail:
        `order ${o.id} FAILED (${o.failureReason ?? 'no reason'}) after payment ${o.paymentId} ` +
        `was approved for ${o.totalCents}; refunded ${o.refund?.amountCents ?? 'nothing'}`,
    }));
}
