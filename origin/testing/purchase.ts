import { SANDBOX_CARDS } from '../adapters/payments/sandbox';
import type { OrderRecord } from '../services/models';
import type { TestOrigin } from './harness';

/** The sandbox card that approves. */
export const APPROVED_CARD = { number: SANDBOX_CARDS.approve, expiry: '12/39', cvc: '123' };

/**
 * Buys `quantity` GA places in the `pit` of a {@link testEvent} through the services (hold,
 * checkout, the sandbox's confirmation) and answers the order as stored once it settled.
 * @example const order = await buyTickets(t, { eventId, ticketId: 't_1', email: 'a@x.com' });
 */
export async function buyTickets(
  t: TestOrigin,
  input: { eventId: string; ticketId: string; email: string; quantity?: number },
): Promise<OrderRecord> {
  const hold = await t.services.holds.create({
    eventId: input.eventId,
    ticketId: input.ticketId,
    generalAdmission: { sectionId: 'pit', quantity: input.quantity ?? 1 },
  });
  const order = await t.services.checkout.checkout({
    holdId: hold.id,
    ticketId: input.ticketId,
    email: input.email,
    card: APPROVED_CARD,
  });
  await t.payments.flush();
  for (let i = 0; i < 100; i++) {
    const stored = await t.db.store.orders.get(order.id);
    if (stored && stored.status !== 'PENDING') return stored;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`order ${order.id} stayed PENDING`);
}
