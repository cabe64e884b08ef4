import { formatMoney } from '../../lib/money';
import type { SeatShape } from './seat-layout';

/**
 * "Someone got there first — here are the nearest seats": the alternative after `seat_taken`,
 * taken in one click. With nothing left nearby it says so and points to best available.
 */
export function SeatTakenOffer(props: {
  offer: SeatShape[];
  currency: string;
  busy: boolean;
  onTake: () => void;
  onDismiss: () => void;
}) {
  const total = props.offer.reduce((sum, s) => sum + s.priceCents, 0);
  return (
    <section class="card offer" role="alert" aria-labelledby="offer-title" data-testid="seat-taken">
      <h3 id="offer-title">Someone got there first — here are the nearest seats</h3>
      {props.offer.length === 0 ? (
        <p>
          No seats are left near those in that section. Try another section or “Best available”
          below.
        </p>
      ) : (
        <>
          <ul class="cart-list">
            {props.offer.map((s) => (
              <li key={s.seatId}>{s.label}</li>
            ))}
          </ul>
          <p>
            <strong>{formatMoney(total, props.currency)}</strong>
          </p>
        </>
      )}
      <div class="row">
        {props.offer.length > 0 && (
          <button type="button" class="primary" disabled={props.busy} onClick={props.onTake}>
            Hold these seats instead
          </button>
        )}
        <button type="button" onClick={props.onDismiss}>
          Pick other seats
        </button>
      </div>
    </section>
  );
}
