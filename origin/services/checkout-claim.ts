import { AppError } from '../../common/errors';
import type { DynamoStore } from '../adapters/dynamo/store';
import type { HoldRecord } from './models';

/**
 * A claim whose order was never written this long after the claim belongs to a checkout that
 * crashed between the two writes (they are back to back), so another checkout may take it over.
 */
export const ORPHAN_CLAIM_MS = 10_000;

/**
 * Makes `orderId` the one checkout of a hold before anything is charged (one conditional write
 * on the hold item). Two checkouts of the same hold with different Idempotency-Keys (two tabs, a
 * double click without a key) would otherwise both charge, the loser only refunded later. The
 * claim of an order that FAILED (declined card, payment error) is taken over, so a buyer can pay
 * with another card, and so is one whose order was never written {@link ORPHAN_CLAIM_MS} after
 * the claim (a crash in between); a retry of the same order (same key) passes.
 *
 * Cost: one write when the claim is free (the usual case); on a clash one read of the hold and
 * one of the rival order.
 * @throws AppError `hold_in_checkout` (409) while another order is paying for the hold,
 * `conflict` once it was bought, `hold_expired` once it is no longer live.
 */
export async function claimHoldForCheckout(
  store: Pick<DynamoStore, 'holds' | 'orders'>,
  hold: HoldRecord,
  orderId: string,
  now: number,
): Promise<void> {
  if (await store.holds.claimCheckout(hold.id, orderId, now)) return;
  const current = await store.holds.get(hold.id);
  if (!current || current.status === 'RELEASED')
    throw new AppError('hold_expired', 'This hold was released');
  if (current.status === 'CONVERTED')
    throw new AppError('conflict', 'This hold was already bought');
  if (current.status !== 'ACTIVE' || current.expiresAt <= now)
    throw new AppError('hold_expired', 'This hold has expired: hold the seats again');
  const rivalId = current.checkoutOrderId;
  if (rivalId && rivalId !== orderId) {
    const rival = await store.orders.get(rivalId);
    const orphan = !rival && (current.checkoutAt ?? 0) < now - ORPHAN_CLAIM_MS;
    if (
      (rival?.status === 'FAILED' || orphan) &&
      (await store.holds.claimCheckout(hold.id, orderId, now, rivalId))
    )
      return;
    if (rival?.status === 'CONFIRMED')
      throw new AppError('conflict', 'This hold was already bought');
  }
  throw new AppError(
    'hold_in_checkout',
    'Another checkout is already paying for this hold: wait for that order, or retry it with the same Idempotency-Key',
  );
}
