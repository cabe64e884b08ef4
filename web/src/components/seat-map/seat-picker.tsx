import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { catalog, holds } from '../../api/client';
import { ApiError, friendlyMessage, needsQueue } from '../../api/errors';
import type { Availability, EventDetail, HoldRequest } from '../../api/types';
import { formatMoney } from '../../lib/money';
import { navigate } from '../../lib/router';
import { cartSeats, cartTotalCents, clearCart } from '../../models/cart';
import { rememberHold } from '../../models/current-hold';
import { HoldForm } from './hold-form';
import { layoutSection, nearestAvailable } from './seat-layout';
import { SeatMap } from './seat-map';

const REFRESH_MS = 10_000;

/**
 * The buying view once admitted: live availability on the seat map, the picked seats and their
 * total, and the hold button. `seat_taken` refreshes the map and offers the nearest free seats.
 */
export function SeatPicker(props: { event: EventDetail; onTokenRefused: () => void }) {
  const { event } = props;
  const availability = useSignal<Availability | undefined>(undefined);
  const message = useSignal<string | null>(null);
  const busy = useSignal(false);
  const gaSectionId = useSignal<string | undefined>(undefined);

  const refresh = async () => {
    try {
      availability.value = await catalog.availability(event.id);
    } catch (error) {
      message.value = friendlyMessage(error);
    }
  };

  useEffect(() => {
    clearCart();
    void refresh();
    const timer = setInterval(
      () => document.visibilityState === 'visible' && refresh(),
      REFRESH_MS,
    );
    return () => clearInterval(timer);
  }, [event.id]);

  const hold = async (request: HoldRequest) => {
    busy.value = true;
    message.value = null;
    try {
      const { hold: created } = await holds.create(event.id, request);
      rememberHold(created.id, event.id);
      clearCart();
      navigate(`/holds/${encodeURIComponent(created.id)}`);
    } catch (error) {
      if (needsQueue(error)) {
        message.value = friendlyMessage(error);
        props.onTokenRefused();
        return;
      }
      message.value = friendlyMessage(error);
      if (error instanceof ApiError && error.code === 'seat_taken' && request.seats) {
        await refresh();
        const seats = event.sections.flatMap(
          (s) => layoutSection(s, event.tiers, availability.value, event.currency).seats,
        );
        cartSeats.value = nearestAvailable(seats, request.seats, request.seats.length).map((s) => ({
          seatId: s.seatId,
          label: s.label,
          priceCents: s.priceCents,
        }));
      } else {
        void refresh();
      }
    } finally {
      busy.value = false;
    }
  };

  const picked = cartSeats.value;
  return (
    <section class="seat-picker" aria-labelledby="pick-title">
      <h2 id="pick-title">Choose your seats</h2>
      {message.value && (
        <p class="notice" role="alert">
          {message.value}
        </p>
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
          disabled={picked.length === 0 || busy.value}
          onClick={() => hold({ seats: picked.map((s) => s.seatId) })}
        >
          {busy.value ? 'Holding…' : 'Hold selected seats'}
        </button>
      </div>
      <HoldForm event={event} gaSectionId={gaSectionId.value} busy={busy.value} onHold={hold} />
    </section>
  );
}
