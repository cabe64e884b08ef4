import type { AccountOrder } from '../../api/types';
import { OrderCard } from './order-card';

export interface MyTicketsProps {
  email: string;
  orders: AccountOrder[];
  /** Event names by id, from the catalog; an unknown id shows as itself. */
  eventNames: Record<string, string>;
  onResend: (orderId: string) => Promise<void>;
  onSignOut: () => void;
}

/**
 * "My tickets" for a signed-in buyer: who is signed in, every order bought with that email
 * (guest orders too, newest first) with QR codes, and sign out. A view only: the page loads.
 */
export function MyTickets({ email, orders, eventNames, onResend, onSignOut }: MyTicketsProps) {
  return (
    <>
      <div class="console-head">
        <h1>Your tickets</h1>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
      <p>
        Signed in as <strong data-testid="account-email">{email}</strong>
      </p>
      {orders.length === 0 ? (
        <p class="card">
          No orders with this email yet. <a href="/">Find an event</a>
        </p>
      ) : (
        <ul class="account-orders">
          {orders.map((order) => (
            <OrderCard
              key={order.id}
              order={order}
              eventName={eventNames[order.eventId] ?? order.eventId}
              onResend={onResend}
            />
          ))}
        </ul>
      )}
    </>
  );
}
