import { AppError } from '../../../common/errors';
import { afterChange } from '../admin';
import type { ResolvedDeps } from '../deps';
import { type CancelOutcome, cancelOrder } from './cancel-order';

type CancelEventDeps = Pick<
  ResolvedDeps,
  'store' | 'payments' | 'clock' | 'faults' | 'admission' | 'eventCache' | 'invalidator'
> &
  Partial<Pick<ResolvedDeps, 'onBackgroundError'>>;

/** Orders cancelled at once while cancelling an event. */
const PARALLEL = 8;

/** What cancelling an event did. */
export interface EventCancellation {
  eventId: string;
  cancelledAt: string;
  /** Orders refunded by this call. */
  refunded: number;
  refundedCents: number;
  /** Orders that were cancelled before (nothing to do). */
  alreadyCancelled: number;
  /** Orders not cancellable: still PENDING (payment settling) or FAILED. Run again for PENDING ones. */
  skipped: number;
}

/**
 * Cancels an event: stops sales first (the event is marked cancelled, so holds are refused with
 * `event_cancelled`; its waiting room is paused; caches are purged), then cancels and refunds
 * every confirmed order (see {@link cancelOrder}: each exactly once). Idempotent: running it again
 * refunds only what is still unrefunded (e.g. an order whose payment settled meanwhile).
 */
export async function cancelEvent(
  deps: CancelEventDeps,
  eventId: string,
  reason: string,
): Promise<EventCancellation> {
  const { store } = deps;
  const cancelledAt = await store.events.markCancelled(eventId, deps.clock());
  if (cancelledAt === undefined) throw new AppError('not_found', `No event "${eventId}"`);
  await afterChange(deps, eventId);
  await deps.admission.configure(eventId, { paused: true });

  const orders = await store.orders.listByEvent(eventId);
  const result: EventCancellation = {
    eventId,
    cancelledAt: new Date(cancelledAt).toISOString(),
    refunded: 0,
    refundedCents: 0,
    alreadyCancelled: 0,
    skipped: 0,
  };
  for (let i = 0; i < orders.length; i += PARALLEL) {
    const batch = orders.slice(i, i + PARALLEL);
    const outcomes = await Promise.all(
      batch.map(async (order): Promise<CancelOutcome | 'skipped'> => {
        if (order.status !== 'CONFIRMED' && order.status !== 'CANCELLED') return 'skipped';
        return cancelOrder(deps, order.id, reason);
      }),
    );
    for (const outcome of outcomes) {
      if (outcome === 'skipped') result.skipped++;
      else if (outcome.refunded) {
        result.refunded++;
        result.refundedCents += outcome.order.refund?.amountCents ?? 0;
      } else result.alreadyCancelled++;
    }
  }
  return result;
}
