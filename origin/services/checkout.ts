import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../common/errors';
import type { PaymentRecord } from '../adapters/dynamo/order-repo';
import type { PaymentSettled } from '../adapters/payments/types';
import { newId } from '../domain/ids';
import { reserveEmailSeats } from './accounts/buyer-limit';
import { claimHoldForCheckout } from './checkout-claim';
import type { ResolvedDeps } from './deps';
import { step } from './faults';
import { finishConfirmed, fulfilOrder } from './fulfilment';
import { derivedId } from './idempotency';
import { type Order, type OrderRecord, toOrder } from './models';
import { orderFailed } from './outbox/events';

export interface CheckoutInput {
  holdId: string;
  ticketId: string;
  email: string;
  card: { number: string; expiry: string; cvc: string };
  idempotencyKey?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Checkout and orders: charge a live hold through the payment provider (idempotent by a payment
 * id derived from hold + Idempotency-Key), fulfil on the provider's confirmation, and let the
 * buyer read the order with its secret. Subscribes to payment confirmations; call `close()`.
 */
export function createCheckoutService(deps: ResolvedDeps) {
  const { store } = deps;

  /** The order secret is derived, not stored, so a retried checkout can hand it out again. */
  function orderSecret(orderId: string): string {
    const key = deps.tokenKeys.keys[deps.tokenKeys.activeKid] ?? '';
    return createHmac('sha256', key).update(`order-secret:${orderId}`).digest('base64url');
  }

  /**
   * Moves a PENDING order on if its payment has settled (used by retries, reads and the
   * settlement listener, which passes the payment it just recorded to save a read).
   */
  async function drive(order: OrderRecord, known?: PaymentRecord): Promise<OrderRecord> {
    if (order.status === 'CONFIRMED') {
      await finishConfirmed(deps, order);
      return order;
    }
    if (order.status !== 'PENDING') return order;
    const payment = known ?? (await store.orders.getPayment(order.paymentId));
    if (payment?.settled === 'approved') return fulfilOrder(deps, order);
    if (payment?.settled === 'declined') {
      deps.counters.orderFailed('declined', order.eventId);
      const reason = payment.reason ?? 'card_declined';
      const event = orderFailed(order, reason, deps.clock()); // outbox (issue 9)
      return (await store.orders.fail(order.id, reason, undefined, event)) ?? order;
    }
    return order;
  }

  async function settle(event: PaymentSettled): Promise<void> {
    // Recording the verdict returns the record (and its order id): no read first.
    const payment =
      (await store.orders.settlePayment(event.paymentId, event.status, event.reason)) ??
      (await store.orders.getPayment(event.paymentId));
    if (!payment) return; // not one of ours (or not recorded yet: checkout drives it itself)
    const order = await store.orders.get(payment.orderId);
    if (order) await drive(order, payment.settled ? payment : undefined);
  }

  const inFlight = new Set<Promise<void>>();
  const unsubscribe = deps.payments.onSettled((event) => {
    const work = settle(event)
      .catch((error) => deps.onBackgroundError?.(error, 'payment settlement'))
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
    return work;
  });

  async function checkout(input: CheckoutInput): Promise<Order> {
    const now = deps.clock();
    const hold = await store.holds.get(input.holdId);
    if (!hold) throw new AppError('not_found', `No hold "${input.holdId}"`);
    if (hold.ticketId !== input.ticketId)
      throw new AppError('forbidden', 'This hold belongs to another buyer');
    const orderId = input.idempotencyKey
      ? derivedId('o', hold.id, input.idempotencyKey)
      : newId('o');
    // Only a derived id can already exist (a retry); a fresh one needs no read.
    const existing = input.idempotencyKey ? await store.orders.get(orderId) : undefined;
    if (existing?.status === 'PENDING') {
      // A retry: the first attempt may have stopped before or after charging.
      await store.orders.putPayment({ paymentId: existing.paymentId, orderId });
      return toOrder(await chargeAndDrive(existing, input.card), orderSecret(orderId));
    }
    if (existing) return toOrder(await drive(existing), orderSecret(orderId));

    if (hold.status === 'CONVERTED') throw new AppError('conflict', 'This hold was already bought');
    if (hold.status === 'RELEASED') throw new AppError('hold_expired', 'This hold was released');
    if (hold.expiresAt < now)
      throw new AppError('hold_expired', 'This hold has expired: hold the seats again');
    // Buyer identity (issue 9): the per-buyer limit counts every order of this email.
    await reserveEmailSeats(deps, hold, input.email, now);
    // Before any charge: at most one order pays for a hold at a time.
    await claimHoldForCheckout(store, hold, orderId, now);

    const paymentId = input.idempotencyKey
      ? derivedId('p', hold.id, input.idempotencyKey)
      : newId('p');
    const secret = orderSecret(orderId);
    const record: OrderRecord = {
      id: orderId,
      status: 'PENDING',
      eventId: hold.eventId,
      holdId: hold.id,
      ticketId: hold.ticketId,
      email: input.email,
      totalCents: hold.totalCents,
      currency: hold.currency,
      paymentId,
      secretHash: sha256(secret),
      tickets: [],
      createdAt: now,
    };
    await store.orders.create(record);
    await store.orders.putPayment({ paymentId, orderId });
    await step(deps.faults, 'checkout:order-created');
    return toOrder(await chargeAndDrive(record, input.card), secret);
  }

  /**
   * Charges (idempotent by payment id: a retry after a crash charges at most once and learns the
   * outcome), records a final outcome, and moves the order on.
   */
  async function chargeAndDrive(
    order: OrderRecord,
    card: CheckoutInput['card'],
  ): Promise<OrderRecord> {
    let outcome: Awaited<ReturnType<typeof deps.payments.charge>>;
    try {
      outcome = await deps.payments.charge({
        paymentId: order.paymentId,
        amountCents: order.totalCents,
        currency: order.currency,
        card,
        description: `Floodgate order ${order.id} (${order.eventId})`,
      });
    } catch (error) {
      if (error instanceof AppError && error.code !== 'unavailable') {
        const event = orderFailed(order, error.code, deps.clock()); // outbox (issue 9)
        await store.orders.fail(order.id, error.code, undefined, event);
      }
      throw error;
    }
    await step(deps.faults, 'checkout:charged');
    // Pending: the settlement listener moves the order on; nothing to read now.
    if (outcome.status === 'pending') return order;
    const reason = outcome.status === 'declined' ? outcome.reason : undefined;
    const recorded = await store.orders.settlePayment(order.paymentId, outcome.status, reason);
    return drive((await store.orders.get(order.id)) ?? order, recorded);
  }

  return {
    /** Starts checkout of a live hold; the order is PENDING until the payment settles. */
    checkout,

    /** Reads an order with its secret (from checkout), moving it on if its payment settled. */
    async getOrder(orderId: string, secret: string | undefined): Promise<Order> {
      if (!secret) throw new AppError('unauthorized', 'The order secret is required (?secret=)');
      const order = await store.orders.get(orderId);
      const given = Buffer.from(sha256(secret));
      const expected = Buffer.from(order?.secretHash ?? '');
      if (!order || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AppError('not_found', `No order "${orderId}" with this secret`);
      }
      return toOrder(await drive(order));
    },

    /** Re-drives an order by payment id (also what the settlement listener does). */
    settle,

    /** Stops listening to payment confirmations and waits for settlements in progress. */
    async close(): Promise<void> {
      unsubscribe();
      await Promise.all([...inFlight]);
    },
  };
}

export type CheckoutService = ReturnType<typeof createCheckoutService>;
