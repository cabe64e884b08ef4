import { useSignal } from '@preact/signals';
import { admin } from '../../api/client';
import { friendlyMessage } from '../../api/errors';
import type { AccountOrder } from '../../api/types';
import { formatMoney } from '../../lib/money';
import { ConfirmDialog } from '../common/confirm-dialog';
import { OrderRow } from './order-row';

/** An order id (`o_…`) or else an email address, as the one search box takes them. */
export function orderQuery(text: string): { orderId: string } | { email: string } {
  const q = text.trim();
  return /^o_/.test(q) ? { orderId: q } : { email: q };
}

/**
 * Organizer order search (by buyer email, any case, or by order id) with "cancel and refund"
 * behind a confirmation: the refund and the seats going back on sale happen exactly once.
 */
export function OrdersPanel({ organizerKey }: { organizerKey: string }) {
  const query = useSignal('');
  const results = useSignal<AccountOrder[] | undefined>(undefined);
  const error = useSignal<string | null>(null);
  const notice = useSignal<string | null>(null);
  const busy = useSignal(false);
  const cancelling = useSignal<AccountOrder | null>(null);
  const dialogError = useSignal<string | null>(null);

  const search = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    error.value = null;
    notice.value = null;
    try {
      results.value = (await admin.searchOrders(organizerKey, orderQuery(query.value))).orders;
    } catch (failure) {
      error.value = friendlyMessage(failure);
    } finally {
      busy.value = false;
    }
  };

  const cancel = async (order: AccountOrder, reason: string) => {
    busy.value = true;
    dialogError.value = null;
    try {
      const outcome = await admin.cancelOrder(organizerKey, order.id, reason || undefined);
      results.value = results.value?.map((o) =>
        o.id === order.id ? { ...outcome.order, createdAt: o.createdAt } : o,
      );
      notice.value = outcome.refunded
        ? `Order ${order.id} cancelled: ${formatMoney(outcome.order.refund?.amountCents ?? order.totalCents, order.currency)} refunded, ${outcome.seatsReturned} seats back on sale.`
        : `Order ${order.id} was already cancelled: nothing more refunded.`;
      cancelling.value = null;
    } catch (failure) {
      dialogError.value = friendlyMessage(failure);
    } finally {
      busy.value = false;
    }
  };

  const target = cancelling.value;
  return (
    <section class="card" aria-labelledby="orders-title">
      <h2 id="orders-title">Find orders</h2>
      <form class="row search-row" onSubmit={search}>
        <label>
          Buyer email or order id
          <input
            required
            autoComplete="off"
            value={query.value}
            onInput={(e) => {
              query.value = e.currentTarget.value;
            }}
          />
        </label>
        <button type="submit" class="primary" disabled={busy.value}>
          Search
        </button>
      </form>
      {error.value && (
        <p class="notice" role="alert">
          {error.value}
        </p>
      )}
      {notice.value && (
        <p role="status" data-testid="orders-notice">
          {notice.value}
        </p>
      )}
      {results.value?.length === 0 && <p class="muted">No orders match.</p>}
      {results.value && results.value.length > 0 && (
        <ul class="order-results">
          {results.value.map((order) => (
            <OrderRow
              key={order.id}
              order={order}
              onCancel={() => {
                dialogError.value = null;
                cancelling.value = order;
              }}
            />
          ))}
        </ul>
      )}
      {target && (
        <ConfirmDialog
          title={`Cancel order ${target.id}?`}
          confirmLabel="Cancel and refund"
          busy={busy.value}
          error={dialogError.value}
          onConfirm={(reason) => cancel(target, reason)}
          onCancel={() => {
            cancelling.value = null;
          }}
        >
          <p>
            {formatMoney(target.totalCents, target.currency)} goes back to {target.email}'s card,
            the {target.tickets.length} tickets stop working and their seats go back on sale.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
