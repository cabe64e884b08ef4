import type { AccountOrder } from '../../api/types';
import { formatMoney } from '../../lib/money';
import { formatWhen } from '../../lib/when';

/** One order in the organizer's search results, with "cancel and refund" while confirmed. */
export function OrderRow({ order, onCancel }: { order: AccountOrder; onCancel: () => void }) {
  return (
    <li class="order-row" data-testid="order-row">
      <div>
        <code>{order.id}</code>{' '}
        <span class={`badge status-${order.status.toLowerCase()}`}>{order.status}</span>
      </div>
      <div class="muted">
        {order.email} · {order.eventId} · {formatWhen(order.createdAt)}
      </div>
      <div>
        {order.tickets.length} tickets · {formatMoney(order.totalCents, order.currency)}
        {order.refund &&
          ` · refunded ${formatMoney(order.refund.amountCents, order.currency)} (${order.refund.reason})`}
      </div>
      {order.status === 'CONFIRMED' && (
        <button type="button" class="danger" onClick={onCancel}>
          Cancel and refund…
        </button>
      )}
    </li>
  );
}
