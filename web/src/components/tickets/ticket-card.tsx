import { renderSVG } from 'uqr';
import type { Ticket } from '../../api/types';

/**
 * A seat id as a buyer reads it.
 *
 * @example seatText('floor-a:C:12') // 'floor-a · row C · seat 12'
 */
export function seatText(seatId: string): string {
  const [section, row, number] = seatId.split(':');
  return row === 'GA' ? `${section} · standing` : `${section} · row ${row} · seat ${number}`;
}

/**
 * One ticket: its signed code as a QR code for the door scanner, the seat, and the code as text
 * (folded away) for a door without a camera, where staff paste or type it.
 */
export function TicketCard({ ticket }: { ticket: Ticket }) {
  const svg = renderSVG(ticket.code, { border: 2 });
  return (
    <li class="card ticket">
      <figure>
        <div
          class="qr"
          role="img"
          aria-label={`QR code for ticket ${ticket.id}`}
          dangerouslySetInnerHTML={{ __html: svg }}
        />
        <figcaption>
          <strong>{seatText(ticket.seatId)}</strong>
          <br />
          <small>{ticket.id}</small>
        </figcaption>
      </figure>
      <details class="ticket-code">
        <summary>Ticket code as text</summary>
        <code data-testid="ticket-code">{ticket.code}</code>
      </details>
    </li>
  );
}
