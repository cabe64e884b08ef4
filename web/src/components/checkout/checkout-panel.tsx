import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { checkout, newIdempotencyKey } from '../../api/client';
import { friendlyMessage, needsQueue } from '../../api/errors';
import type { Hold } from '../../api/types';
import { formatMoney } from '../../lib/money';
import { navigate } from '../../lib/router';
import { clearAccess, endSession } from '../../models/access';
import { loadAccount, signedInAccount } from '../../models/account';
import { forgetHold } from '../../models/current-hold';

/** The sandbox's always-approved test card, prefilled so a demo purchase is one click. */
export const SANDBOX_CARD = { number: '4242 4242 4242 4242', expiry: '12/34', cvc: '123' };

/**
 * Email and card for one hold. One idempotency key per hold: pressing Pay twice, or a retry
 * after a dropped connection, pays once.
 */
export function CheckoutPanel({ hold }: { hold: Hold }) {
  const email = useSignal('');
  const number = useSignal(SANDBOX_CARD.number);
  const expiry = useSignal(SANDBOX_CARD.expiry);
  const cvc = useSignal(SANDBOX_CARD.cvc);
  const busy = useSignal(false);
  const message = useSignal<string | null>(null);
  const idempotencyKey = useMemo(() => newIdempotencyKey(), []);

  // A signed-in buyer's email is filled in (never over what they typed); guests type their own.
  useEffect(() => {
    loadAccount().then(
      (signedIn) => {
        if (signedIn && !email.value) email.value = signedIn.email;
      },
      () => undefined,
    );
  }, []);

  const pay = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    message.value = null;
    try {
      const { order } = await checkout.pay(
        hold.eventId,
        {
          holdId: hold.id,
          email: email.value.trim(),
          card: { number: number.value.replace(/\s+/g, ''), expiry: expiry.value, cvc: cvc.value },
        },
        idempotencyKey,
      );
      forgetHold(hold.id);
      // Buying ends the waiting-room session: buying more starts in the queue again.
      clearAccess(hold.eventId);
      const secret = order.secret ? `?secret=${encodeURIComponent(order.secret)}` : '';
      navigate(`/orders/${encodeURIComponent(order.id)}${secret}`, true);
    } catch (error) {
      if (needsQueue(error)) {
        endSession(hold.eventId);
        navigate(`/events/${encodeURIComponent(hold.eventId)}`, true);
        return;
      }
      message.value = friendlyMessage(error);
    } finally {
      busy.value = false;
    }
  };

  const field = (sig: typeof email) => (e: Event) => {
    sig.value = (e.currentTarget as HTMLInputElement).value;
  };

  return (
    <form class="card checkout" onSubmit={pay} aria-labelledby="pay-title">
      <h2 id="pay-title">Pay</h2>
      <label>
        Email for your tickets
        <input
          type="email"
          required
          autoComplete="email"
          value={email.value}
          onInput={field(email)}
        />
      </label>
      {signedInAccount.value && (
        <p class="muted" data-testid="signed-in-hint">
          Signed in as {signedInAccount.value.email}: orders with this email appear in{' '}
          <a href="/account">Your tickets</a>.
        </p>
      )}
      <label>
        Card number
        <input
          inputMode="numeric"
          autoComplete="cc-number"
          required
          value={number.value}
          onInput={field(number)}
        />
      </label>
      <div class="row">
        <label>
          Expiry (MM/YY)
          <input
            autoComplete="cc-exp"
            pattern="\d{2}/\d{2}"
            required
            value={expiry.value}
            onInput={field(expiry)}
          />
        </label>
        <label>
          CVC
          <input
            inputMode="numeric"
            autoComplete="cc-csc"
            pattern="\d{3,4}"
            required
            value={cvc.value}
            onInput={field(cvc)}
          />
        </label>
      </div>
      <p class="muted">Sandbox payments: the test card is filled in for you.</p>
      {message.value && (
        <p class="notice" role="alert">
          {message.value}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy.value}>
        {busy.value ? 'Paying…' : `Pay ${formatMoney(hold.totalCents, hold.currency)}`}
      </button>
    </form>
  );
}
