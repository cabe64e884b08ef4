import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { orders } from '../api/client';
import { friendlyMessage, isRetryable } from '../api/errors';
import type { Order } from '../api/types';
import { TicketCard } from '../components/tickets/ticket-card';
import { formatMoney } from '../lib/money';

const POLL_MS = 1000;
const MAX_POLLS = 120;

/**
 * `/orders/:id?secret=…`: waits (polling) until the sandbox confirms or fails the payment,
 * then shows one QR code per ticket. The secret in the link is the only credential needed,
 * so the page still works after the buying session ended.
 */
export default function OrderPage({ orderId, secret }: { orderId: string; secret: string }) {
  const order = useSignal<Order | undefined>(undefined);
  const error = useSignal<string | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (n: number) => {
      try {
        const answer = await orders.get(orderId, secret);
        if (!live) return;
        order.value = answer.order;
        error.value = null;
        if (answer.order.status !== 'PENDING') return;
      } catch (e) {
        if (!live) return;
        error.value = friendlyMessage(e);
        if (!isRetryable(e)) return;
      }
      if (n < MAX_POLLS) timer = setTimeout(() => poll(n + 1), POLL_MS);
    };
    void poll(0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [orderId, secret]);

  const o = order.value;
  return (
    <main class="page">
      <h1>Your order</h1>
      {error.value && (
        <p class="notice" role="alert">
          {error.value}
        </p>
      )}
      {!o && !error.value && <p aria-busy="true">Loading your order…</p>}
      {o?.status === 'PENDING' && (
        <p aria-live="polite" aria-busy="true">
          Confirming your payment…
        </p>
      )}
      {o?.status === 'FAILED' && (
        <p class="notice" role="alert">
          The payment did not go through{o.failureReason ? `: ${o.failureReason}` : ''}. Your card
          was not charged. <a href={`/events/${encodeURIComponent(o.eventId)}`}>Try again</a>
        </p>
      )}
      {o?.status === 'CANCELLED' && (
        <p class="notice" role="alert">
          This order was cancelled
          {o.refund ? ` and ${formatMoney(o.refund.amountCents, o.currency)} refunded` : ''}. Its
          tickets no longer get in.
        </p>
      )}
      {o?.status === 'CONFIRMED' && (
        <>
          <p aria-live="polite" data-testid="order-status">
            Confirmed — {o.tickets.length} {o.tickets.length === 1 ? 'ticket' : 'tickets'},{' '}
            {formatMoney(o.totalCents, o.currency)}. A copy goes to {o.email}.
          </p>
          <ul class="tickets">
            {o.tickets.map((ticket) => (
              <TicketCard key={ticket.id} ticket={ticket} />
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
