import type { ComponentChildren } from 'preact';
import { formatWhen } from '../../lib/when';
import { seatText } from '../tickets/ticket-card';
import type { CheckinOutcome } from './checkin-outcome';

/**
 * The answer to one scan, readable from a step away: a big ✓ (let in, with the seat) or ✗
 * (already used with when, forged, cancelled). The page puts it in a live region, so each
 * scan's answer is also read out.
 */
export function CheckinResult({ outcome }: { outcome: CheckinOutcome }) {
  switch (outcome.kind) {
    case 'admitted':
      return (
        <div class="checkin-result ok" data-testid="checkin-result">
          <p class="checkin-mark" aria-hidden="true">
            ✓
          </p>
          <h2>Valid — let in</h2>
          <p>
            <strong>{seatText(outcome.ticket.seatId)}</strong>
          </p>
          <p class="muted">
            Ticket {outcome.ticket.ticketId} · {outcome.ticket.eventId} · checked in{' '}
            {formatWhen(outcome.ticket.checkedInAt)}
          </p>
        </div>
      );
    case 'already-used': {
      const d = outcome.details;
      return (
        <Refused title="Already used — do not let in">
          {d?.usedAt ? `First scanned ${formatWhen(d.usedAt)}` : 'This ticket was scanned before'}
          {d?.by ? ` by ${d.by}` : ''}
          {d?.seatId ? ` (${seatText(d.seatId)})` : ''}.
        </Refused>
      );
    }
    case 'invalid':
      return (
        <Refused title="Not a valid ticket">
          The code is forged, altered, or for another event.
        </Refused>
      );
    case 'void':
      return (
        <Refused title="Ticket cancelled">
          Its order was cancelled and refunded: it no longer gets in.
        </Refused>
      );
    case 'key-refused':
    case 'error':
      return <Refused title="Could not check this ticket">{outcome.message}</Refused>;
  }
}

function Refused({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="checkin-result refused" data-testid="checkin-result">
      <p class="checkin-mark" aria-hidden="true">
        ✗
      </p>
      <h2>{title}</h2>
      <p>{children}</p>
    </div>
  );
}
