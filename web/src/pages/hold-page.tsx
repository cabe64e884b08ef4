import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { holds } from '../api/client';
import { friendlyMessage, needsQueue } from '../api/errors';
import type { Hold } from '../api/types';
import { CheckoutPanel } from '../components/checkout/checkout-panel';
import { useAsync } from '../components/common/use-async';
import { formatMoney } from '../lib/money';
import { navigate } from '../lib/router';
import { endSession } from '../models/access';
import { eventOfHold, forgetHold } from '../models/current-hold';
import { createCountdown, formatCountdown } from '../models/hold-countdown';

/** `/holds/:id`: the held seats, the time left, release, and checkout. */
export default function HoldPage({ holdId }: { holdId: string }) {
  const eventId = eventOfHold(holdId) ?? '';
  const { data, error } = useAsync(() => holds.get(eventId, holdId), [holdId]);
  const hold = data?.hold;
  return (
    <main class="page">
      <h1>Your seats</h1>
      {error && (
        <p class="notice" role="alert">
          {error} <a href={eventId ? `/events/${eventId}` : '/'}>Back to the event</a>
        </p>
      )}
      {!hold && !error && <p aria-busy="true">Loading your hold…</p>}
      {hold && <HoldView hold={hold} />}
    </main>
  );
}

function HoldView({ hold }: { hold: Hold }) {
  const countdown = useMemo(() => createCountdown(hold.expiresAt), [hold.expiresAt]);
  const message = useSignal<string | null>(null);
  useEffect(() => countdown.start(), [countdown]);
  const eventHref = `/events/${encodeURIComponent(hold.eventId)}`;

  const release = async () => {
    try {
      await holds.release(hold.eventId, hold.id);
    } catch (error) {
      if (needsQueue(error)) endSession(hold.eventId);
      message.value = friendlyMessage(error);
    }
    forgetHold(hold.id);
    navigate(eventHref);
  };

  const expired = countdown.expired.value || hold.status === 'EXPIRED';
  return (
    <>
      <section class="card" aria-labelledby="held-title">
        <h2 id="held-title">Held for you</h2>
        <ul class="cart-list">
          {hold.seats.map((seat) => (
            <li key={seat.seatId}>
              {seat.row === 'GA'
                ? `${seat.sectionId} · standing`
                : `${seat.sectionId} · row ${seat.row} · seat ${seat.number}`}{' '}
              — {formatMoney(seat.priceCents, hold.currency)}
            </li>
          ))}
        </ul>
        <p>
          <strong>Total {formatMoney(hold.totalCents, hold.currency)}</strong>
        </p>
        {hold.status === 'ACTIVE' && !expired ? (
          <p class="countdown" role="timer" aria-live="off">
            Time left: <strong>{formatCountdown(countdown.remainingSeconds.value)}</strong>
          </p>
        ) : (
          <p class="notice" role="alert">
            {expired
              ? 'Your hold ran out of time and the seats went back on sale.'
              : `This hold is ${hold.status.toLowerCase()}.`}{' '}
            <a href={eventHref}>Choose again</a>
          </p>
        )}
        {message.value && <p class="notice">{message.value}</p>}
        {hold.status === 'ACTIVE' && !expired && (
          <button type="button" onClick={release}>
            Release these seats
          </button>
        )}
      </section>
      {hold.status === 'ACTIVE' && !expired && <CheckoutPanel hold={hold} />}
    </>
  );
}
