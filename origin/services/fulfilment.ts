import { newId } from '../domain/ids';
import { signTicketCode } from '../domain/ticket-code';
import { markEmailSold } from './accounts/buyer-limit';
import { releaseSlot } from './admission-slot';
import type { ResolvedDeps } from './deps';
import { step } from './faults';
import type { HoldRecord, OrderRecord, Ticket } from './models';
import { orderConfirmed, orderFailed } from './outbox/events';

type FulfilDeps = Pick<
  ResolvedDeps,
  'store' | 'payments' | 'admission' | 'ticketKeys' | 'counters' | 'faults' | 'clock' | 'onDegraded'
>;

const seatKey = (hold: HoldRecord, seat: HoldRecord['seats'][number]) => ({
  eventId: hold.eventId,
  sectionId: seat.sectionId,
  seatId: seat.seatId,
});

/**
 * Turns a paid order into tickets (ARCHITECTURE.md "Reservations" step 5): each seat
 * `HELD(hold) → SOLD(order)`, then the order `PENDING → CONFIRMED` with signed tickets in one
 * write. If any seat was lost (the hold lapsed and someone else took it), the seats this order
 * sold go back, the charge is refunded and the order FAILS: never a ticket for a seat someone
 * else bought. Every step is idempotent, so running it again after a crash completes the work.
 */
export async function fulfilOrder(deps: FulfilDeps, order: OrderRecord): Promise<OrderRecord> {
  const { store } = deps;
  const hold = await store.holds.get(order.holdId);
  if (!hold) return (await store.orders.fail(order.id, 'hold_missing')) ?? order;
  const sold: HoldRecord['seats'] = [];
  for (const seat of hold.seats) {
    if (await store.seats.sell(seatKey(hold, seat), hold.id, order.id)) sold.push(seat);
    await step(deps.faults, 'checkout:seat-sold');
  }
  if (sold.length < hold.seats.length) return failLostSeats(deps, order, hold, sold);

  const tickets: Ticket[] = await Promise.all(
    hold.seats.map(async (seat) => {
      const id = newId('t');
      const claims = { ticketId: id, eventId: hold.eventId, seatId: seat.seatId };
      return {
        id,
        seatId: seat.seatId,
        code: await signTicketCode(claims, deps.ticketKeys.signing),
      };
    }),
  );
  // Outbox (issue 9): `order.confirmed` rides in the same single-item write as CONFIRMED.
  const confirmed = await store.orders.confirm(
    order.id,
    tickets,
    orderConfirmed(order, tickets, deps.clock()),
  );
  await step(deps.faults, 'checkout:order-confirmed');
  if (confirmed) {
    deps.counters.seatsSold(hold.eventId, hold.seats.length);
    await store.events.count(hold.eventId, {
      orders: 1,
      revenueCents: order.totalCents,
      seats: hold.seats.length,
    });
  }
  const current = confirmed ?? (await store.orders.get(order.id)) ?? order;
  if (current.status === 'CONFIRMED') await finishConfirmed(deps, current, hold);
  return current;
}

/** The idempotent follow-ups of a confirmed order: hold CONVERTED, seats counted, slot freed. */
export async function finishConfirmed(
  deps: FulfilDeps,
  order: OrderRecord,
  hold?: HoldRecord,
): Promise<void> {
  const h = hold ?? (await deps.store.holds.get(order.holdId));
  if (!h) return;
  await deps.store.holds.markConverted(h.id, order.id);
  await deps.store.buyers.markSold(h.eventId, h.ticketId, h.id, h.seats.length);
  // Buyer identity (issue 9): the seats count for the order's email too.
  await markEmailSold(deps, h, order.email);
  await releaseSlot(deps, h);
}

async function failLostSeats(
  deps: FulfilDeps,
  order: OrderRecord,
  hold: HoldRecord,
  sold: HoldRecord['seats'],
): Promise<OrderRecord> {
  const { store } = deps;
  await Promise.all(sold.map((seat) => store.seats.unsell(seatKey(hold, seat), order.id)));
  await Promise.all(hold.seats.map((seat) => store.seats.release(seatKey(hold, seat), hold.id)));
  await step(deps.faults, 'checkout:seats-given-back');
  // Idempotent by payment id: a run resumed after a crash gets the same refund back.
  const refund = await deps.payments.refund(order.paymentId, order.totalCents, 'seats_unavailable');
  await step(deps.faults, 'checkout:refunded');
  const refunded = {
    refundId: refund.refundId,
    amountCents: refund.amountCents,
    reason: 'Your hold expired and another buyer took a seat; you have been refunded',
  };
  const failed = await store.orders.fail(
    order.id,
    'seats_unavailable',
    refunded,
    orderFailed(order, 'seats_unavailable', deps.clock(), refunded), // outbox (issue 9)
  );
  deps.counters.orderFailed('seats_unavailable', order.eventId);
  await store.holds.markReleased(hold.id);
  // A second checkout of an already bought hold must not un-count the first order's seats.
  if ((await store.holds.get(hold.id))?.status !== 'CONVERTED') {
    await store.buyers.drop(hold.eventId, hold.ticketId, hold.id, hold.seats.length);
  }
  await releaseSlot(deps, hold);
  return failed ?? (await store.orders.get(order.id)) ?? order;
}
