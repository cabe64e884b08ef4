import { AppError } from '../../../common/errors';
import type { DynamoStore } from '../../adapters/dynamo/store';
import { parseSeatId } from '../../domain/seat-ids';
import type { TicketClaims } from '../../domain/ticket-code';

/** Checks a scanned code's signature offline (the key id travels in the code). */
export type TicketVerifier = (code: string) => Promise<TicketClaims | null>;

export interface CheckinDeps {
  store: Pick<DynamoStore, 'seats' | 'orders' | 'checkins'>;
  verifyTicket: TicketVerifier;
  clock: () => number;
}

/** An admitted ticket. */
export interface CheckinResult {
  ticketId: string;
  eventId: string;
  seatId: string;
  orderId: string;
  checkedInAt: string;
}

/**
 * Door check-in: the code's signature first (a forged or altered code never reaches the table:
 * 400 `ticket_invalid`), then the ticket must still be live — its seat SOLD to an order that is
 * CONFIRMED and lists this very ticket (a refunded order's tickets answer 410 `ticket_void`) —
 * then one conditional put marks it used. A second scan, at any door or process, answers 409
 * `ticket_already_used` with when and by whom it was first used (`details.usedAt`, `details.by`).
 * `eventId`, when the scanner gives it, must match the ticket's event.
 */
export async function checkIn(
  deps: CheckinDeps,
  input: { code: string; eventId?: string; by: string },
): Promise<CheckinResult> {
  const claims = await deps.verifyTicket(input.code);
  if (!claims) throw new AppError('ticket_invalid', 'This ticket code is not genuine');
  if (input.eventId && input.eventId !== claims.eventId) {
    throw new AppError('ticket_invalid', `This ticket is for "${claims.eventId}", not this event`);
  }
  const seat = parseSeatId(claims.seatId);
  const stored = seat
    ? await deps.store.seats.get({
        eventId: claims.eventId,
        sectionId: seat.sectionId,
        seatId: claims.seatId,
      })
    : undefined;
  const order =
    stored?.state === 'SOLD' && stored.orderId
      ? await deps.store.orders.get(stored.orderId)
      : undefined;
  const ticket = order?.tickets.find((t) => t.id === claims.ticketId);
  if (order?.status !== 'CONFIRMED' || !ticket || ticket.seatId !== claims.seatId) {
    throw new AppError(
      'ticket_void',
      'This ticket is no longer valid (order cancelled or refunded)',
    );
  }
  const now = deps.clock();
  const marked = await deps.store.checkins.markUsed({
    ticketId: claims.ticketId,
    eventId: claims.eventId,
    seatId: claims.seatId,
    orderId: order.id,
    usedAt: now,
    by: input.by,
  });
  if (!marked.ok) {
    const usedAt = new Date(marked.existing.usedAt).toISOString();
    throw new AppError('ticket_already_used', `This ticket was already used at ${usedAt}`, {
      usedAt,
      by: marked.existing.by,
      seatId: claims.seatId,
    });
  }
  return {
    ticketId: claims.ticketId,
    eventId: claims.eventId,
    seatId: claims.seatId,
    orderId: order.id,
    checkedInAt: new Date(now).toISOString(),
  };
}
