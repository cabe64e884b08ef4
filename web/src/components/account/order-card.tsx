import { useSignal } from '@preact/signals';
import { friendlyMessage } from '../../api/errors';
import type { AccountOrder } from '../../api/types';
import { formatMoney } from '../../lib/money';
import { formatWhen } from '../../lib/when';
import { TicketCard } from '../tickets/ticket-card';

const STATUS_TEXT: Record<AccountOrder['status'], string> = {
  CONFIRMED: 'Confirmed',
  PENDING: 'Confirming payment',
  FAILED: 'Payment failed',
  CANCELLED: 'Cancelled',
};

export interface OrderCardProps {
  order: AccountOrder;
  eventName: string;
  /** Queues the confirmation email again; rejects with an API error. */
  onResend: (orderId: string) => Promise<void>;
}

/**
 * One order in "my tickets": event, status, total and, once confirmed, its tickets as QR codes
 * with a "re-send confirmation" button. Cancelled and failed orders show why there is no ticket.
 */
export function OrderCard({ order, eventName, onResend }: OrderCardProps) {
  const resend = useSignal<'idle' | 'sending' | 'sent'>('idle');
  const error = useSignal<string | null>(null);
  const titleId = `order-${order.id}`;

  const send = async () => {
    resend.value = 'sending';
    error.value = null;
    try {
      await onResend(order.id);
      resend.value = 'sent';
    } catch (e) {
      error.value = friendlyMessage(e);
      resend.value = 'idle';
    }
  };

  return (
    <li class="card account-order" aria-labelledby={titleId} data-testid="account-order">
      <h2 id={titleId}>
        {eventName}{' '}
        <span class={`badge status-${order.status.toLowerCase()}`}>
          {STATUS_TEXT[order.status]}
        </span>
      </h2>
      <p class="muted">
        Order <code>{order.id}</code> · {formatWhen(order.createdAt)} ·{' '}
        {formatMoney(order.totalCents, order.currency)}
      </p>
      {order.status === 'CANCELLED' && (
        <p class="notice">
          Cancelled{order.cancelledAt ? ` on ${formatWhen(order.cancelledAt)}` : ''}
          {order.refund
            ? `, ${formatMoney(order.refund.amountCents, order.currency)} refunded`
            : ''}
          . These tickets no longer get in.
        </p>
      )}
      {order.status === 'FAILED' && (
        <p class="notice">
          The payment did not go through{order.failureReason ? `: ${order.failureReason}` : ''}.
          Your card was not charged.
        </p>
      )}
      {order.status === 'PENDING' && <p aria-busy="true">Confirming your payment…</p>}
      {order.status === 'CONFIRMED' && (
        <>
          <ul class="tickets">
            {order.tickets.map((ticket) => (
              <TicketCard key={ticket.id} ticket={ticket} />
            ))}
          </ul>
          <button type="button" onClick={send} disabled={resend.value === 'sending'}>
            {resend.value === 'sending' ? 'Sending…' : 'Re-send confirmation'}
          </button>
          {resend.value === 'sent' && (
            <p role="status" data-testid="resend-status">
              Confirmation sent again to {order.email}.
            </p>
          )}
          {error.value && (
            <p class="notice" role="alert">
              {error.value}
            </p>
          )}
        </>
      )}
    </li>
  );
}
