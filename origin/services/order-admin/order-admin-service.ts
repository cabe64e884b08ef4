import { AppError } from '../../../common/errors';
import type { ResolvedDeps } from '../deps';
import type { OrderRecord } from '../models';
import { cancelEvent } from './cancel-event';
import { cancelOrder } from './cancel-order';
import { ordersCsv } from './orders-csv';

/** Why an organizer cancelled, when they give no reason. */
export const DEFAULT_CANCEL_REASON = 'Cancelled by the organizer';

/**
 * Organizer order management: look orders up by email or id, cancel and refund one order or a
 * whole event (each order refunded exactly once), export an event's orders as CSV.
 */
export function createOrderAdminService(deps: ResolvedDeps) {
  const { store } = deps;
  return {
    /** Orders by email (any case) or by id; exactly one of the two. */
    async search(query: { email?: string; orderId?: string }): Promise<OrderRecord[]> {
      if (query.orderId) {
        const order = await store.orders.get(query.orderId);
        return order ? [order] : [];
      }
      if (query.email) return store.orders.listByEmail(query.email);
      throw new AppError('validation_failed', 'Give email or orderId');
    },

    cancelOrder: (orderId: string, reason?: string) =>
      cancelOrder(deps, orderId, reason ?? DEFAULT_CANCEL_REASON),

    cancelEvent: (eventId: string, reason?: string) =>
      cancelEvent(deps, eventId, reason ?? DEFAULT_CANCEL_REASON),

    /** Every order of an event as CSV; 404 for an unknown event. */
    async exportCsv(eventId: string): Promise<string> {
      if (!(await store.events.get(eventId))) {
        throw new AppError('not_found', `No event "${eventId}"`);
      }
      return ordersCsv(await store.orders.listByEvent(eventId));
    },
  };
}

export type OrderAdminService = ReturnType<typeof createOrderAdminService>;
