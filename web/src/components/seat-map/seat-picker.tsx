import { useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect } from 'preact/hooks';
import { catalog, holds } from '../../api/client';
import { ApiError, friendlyMessage, lostSeats, needsQueue } from '../../api/errors';
import type { Availability, EventDetail, HoldRequest } from '../../api/types';
import { formatMoney } from '../../lib/money';
import { navigate } from '../../lib/router';
import { cartSeats, cartTotalCents, clearCart } from '../../models/cart';
import { rememberHold } from '../../models/current-hold';
import { RetryCountdown } from '../common/retry-countdown';
import { HoldForm } from './hold-form';
import { alternativesFor, layoutSection, type SeatShape } from './seat-layout';
import { SeatMap } from './seat-map';
import { SeatTakenOffer } from './seat-taken-offer';

const REFRESH_MS = 10_000;

/** True when availability says no seat or place is left anywhere. */
export function isSoldOut(event: EventDetail, availability: Availability | undefined): boolean {
  if (event.status === 'sold_out') return true;
  if (!availability) return false;
  const sections = Object.values(availability.sections);
  return sections.length > 0 && sections.every((s) => s.available === 0);
}

/**
 * The buying view once admitted: live availability on the seat map, the picked seats and their
 * total, and the hold button. The clear states: `seat_taken` offers the nearest seats in the
 * same section (one click to hold them), `rate_limited` counts down its Retry-After, a sold-out
 * event says so; a refused token sends the buyer back to the queue.
 */
export function SeatPicker(props: { event: EventDetail; onTokenRefused: () => void }) {
  const { event } = props;
  const availability = useSignal<Availability | undefined>(undefined);
  const message = useSignal<string | null>(null);
  const busy = useSignal(false);
  const gaSectionId = useSignal<string | undefined>(undefined);
  const offer = useSignal<SeatShape[] | null>(null);
  const retryUntil = useSignal<number | undefined>(undefined);

  const refresh = async () => {
    try {
      availability.value = await catalog.availability(event.id);
    } catch (error) {
      message.value = friendlyMessage(error);
    }
  };

  // Before the first paint's input: a pick made right away must not be wiped by a late effect.
  useLayoutEffect(() => clearCart(), [event.id]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(
      () => document.visibilityState === 'visible' && refresh(),
      REFRESH_MS,
    );
    return () => clearInterval(timer);
  }, [event.id]);

  const offerAfterTaken = async (wanted: string[], lost: string[]) => {
    await refresh();
    const seats = event.sections.flatMap(
      (s) => layoutSection(s, event.tiers, availability.value, event.currency).seats,
    );
    // The cached availability may lag a second behind: the lost seats are taken, whatever it says.
    const gone = new Set(lost.length ? lost : wanted);
    const now = seats.map((s) => (gone.has(s.seatId) ? { ...s, available: false } : s));
    offer.value = alternativesFor(now, wanted, lost);
    clearCart();
  };

  const hold = async (request: HoldRequest) => {
    busy.value = true;
    message.value = null;
    offer.value = null;
    try {
      const { hold: created } = await holds.create(event.id, request);
      rememberHold(created.id, event.id);
      clearCart();
      navigate(`/holds/${encodeURIComponent(created.id)}`);
    } catch (error) {
      if (needsQueue(error)) {
        props.onTokenRefused();
        return;
      }
      const code = error instanceof ApiError ? error.code : undefined;
      if (code === 'seat_taken' && request.seats) {
        await offerAfterTaken(request.seats, lostSeats(error));
      } else if (code === 'rate_limited') {
        retryUntil.value = Date.now() + ((error as ApiError).retryAfter ?? 5) * 1000;
      } else {
        message.value = friendlyMessage(error);
        void refresh();
      }
    } finally {
      busy.value = false;
    }
  };

  if (isSoldOut(event, availability.value)) {
    return (
      <section class="card sold-out" role="status" data-testid="sold-out">
        <h2>Sold out</h2>
        <p>
          Every seat has been sold or is held. Held seats that are not paid for come back on sale
          within minutes: this page checks again by itself.
        </p>
      </section>
    );
  }

  const picked = cartSeats.value;
  const waiting = retryUntil.value !== undefined;
  return (
    <section class="seat-picker" aria-labelledby="pick-title">
      <h2 id="pick-title">Choose your seats</h2>
      {message.value && (
        <p class="notice" role="alert">
          {message.value}
        </p>
      )}
      {retryUntil.value !== undefined && (
        <RetryCountdown
          until={retryUntil.value}
          onDone={() => {
            retryUntil.value = undefined;
          }}
        />
      )}
      {offer.value && (
        <SeatTakenOffer
          offer={offer.value}
          currency={event.currency}
          busy={busy.value || waiting}
          onTake={() => hold({ seats: (offer.value ?? []).map((s) => s.seatId) })}
          onDismiss={() => {
            offer.value = null;
          }}
        />
      )}
      {!availability.value && <p aria-busy="true">Loading the seat map…</p>}
      <SeatMap
        event={event}
        availability={availability.value}
        maxSeats={event.maxPerBuyer || 10}
        onPickGa={(id) => {
          gaSectionId.value = id;
        }}
        onLimit={() => {
          message.value = `You can pick up to ${event.maxPerBuyer} tickets.`;
        }}
      />
      <div class="cart card" aria-live="polite">
        {picked.length === 0 ? (
          <p>Pick seats on the map, or let us find the best ones.</p>
        ) : (
          <>
            <ul class="cart-list">
              {picked.map((s) => (
                <li key={s.seatId}>{s.label}</li>
              ))}
            </ul>
            <p>
              <strong>
                {picked.length} {picked.length === 1 ? 'seat' : 'seats'} ·{' '}
                {formatMoney(cartTotalCents.value, event.currency)}
              </strong>
            </p>
          </>
        )}
        <button
          type="button"
          class="primary"
          disabled={picked.length === 0 || busy.value || waiting}
          onClick={() => hold({ seats: picked.map((s) => s.seatId) })}
        >
          {busy.value ? 'Holding…' : 'Hold selected seats'}
        </button>
      </div>
      <HoldForm
        event={event}
        gaSectionId={gaSectionId.value}
        busy={busy.value || waiting}
        onHold={hold}
      />
    </section>
  );
}
