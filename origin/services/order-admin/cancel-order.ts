import { AppError } from '../../../common/errors';
import { dropEmailSeats } from '../accounts/buyer-limit';
import type { ResolvedDeps } from '../deps';
import { step } from '../faults';
import type { OrderRecord } from '../models';
import { orderRefunded } from '../outbox/events';

type CancelDeps = Pick<ResolvedDeps, 'store' | 'payments' | 'clock' | 'faults'>;

/** What a cancellation did (all false on a repeat: the work was done before). */
export interface CancelOutcome {
  order: OrderRecord;
  /** This call recorded the refund (only ever one call does). */
  refunded: boolean;
  /** Seats this call put back on sale. */
  seatsReturned: number;
}

/**
 * Cancels a confirmed order and refunds it, exactly once however often (or concurrently) it is
 * called, and resumable after a crash at any step — every step is one conditional write or an
 * idempotent call:
 * 1. `CONFIRMED → CANCELLED` (conditional; a CANCELLED order skips to the next steps);
 * 2. refund through the payment provider (idempotent by payment id: one refund per payment);
 * 3. the refund recorded on the order once (`attribute_not_exists(refund)`), with
 *    `order.refunded` in its outbox in the same write; only that caller adjusts the counters;
 * 4. each seat `SOLD(orderId) → AVAILABLE` (conditional on the order: a seat already back on
 *    sale, or resold since, is not touched), the event's sold count lowered per seat returned;
 * 5. the buyer's per-buyer limit entries dropped (ticket and email).
 * Fault steps: `cancel:marked`, `cancel:refunded`, `cancel:recorded`.
 */
export async function cancelOrder(
  deps: CancelDeps,
  orderId: string,
  reason: string,
): Promise<CancelOutcome> {
  const { store } = deps;
  const now = deps.clock();
  let order = await store.orders.get(orderId);
  if (!order) throw new AppError('not_found', `No order "${orderId}"`);
  if (order.status === 'CONFIRMED') {
    order =
      (await store.orders.markCancelled(orderId, reason, now)) ?? (await store.orders.get(orderId));
  }
  if (order?.status !== 'CANCELLED') {
    throw new AppError(
      'order_not_cancellable',
      `Order "${orderId}" is ${order?.status ?? 'gone'}: only confirmed orders can be cancelled`,
    );
  }
  await step(deps.faults, 'cancel:marked');

  let refunded = false;
  if (!order.refund) {
    const outcome = await deps.payments.refund(order.paymentId, order.totalCents, reason);
    await step(deps.faults, 'cancel:refunded');
    const refund = { refundId: outcome.refundId, amountCents: outcome.amountCents, reason };
    const recorded = await store.orders.recordRefund(
      order.id,
      refund,
      orderRefunded(order, refund, now),
    );
    if (recorded) {
      refunded = true;
      order = recorded;
      await store.events.count(order.eventId, { orders: -1, revenueCents: -order.totalCents });
    } else {
      order = (await store.orders.get(order.id)) ?? order;
    }
    await step(deps.faults, 'cancel:recorded');
  }

  const seatsReturned = await returnSeats(deps, order);
  return { order, refunded, seatsReturned };
}

async function returnSeats(deps: CancelDeps, order: OrderRecord): Promise<number> {
  const { store } = deps;
  const hold = await store.holds.get(order.holdId);
  if (!hold) return 0;
  const results = await Promise.all(
    hold.seats.map((seat) =>
      store.seats.unsell(
        { eventId: hold.eventId, sectionId: seat.sectionId, seatId: seat.seatId },
        order.id,
      ),
    ),
  );
  const returned = results.filter(Boolean).length;
  if (returned > 0) await store.events.count(order.eventId, { seats: -returned });
  await store.buyers.drop(hold.eventId, hold.ticketId, hold.id, hold.seats.length);
  await dropEmailSeats(deps, hold, order.email);
  return returned;
}
