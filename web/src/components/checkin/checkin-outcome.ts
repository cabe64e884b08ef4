import { ApiError, friendlyMessage } from '../../api/errors';
import type { CheckedInTicket, TicketUsedDetails } from '../../api/types';

/** What one scan at the door came to, as the check-in page shows it. */
export type CheckinOutcome =
  | { kind: 'admitted'; ticket: CheckedInTicket }
  | { kind: 'already-used'; details?: Partial<TicketUsedDetails> }
  | { kind: 'invalid' }
  | { kind: 'void' }
  | { kind: 'key-refused'; message: string }
  | { kind: 'error'; message: string };

function usedDetails(details: unknown): Partial<TicketUsedDetails> | undefined {
  if (!details || typeof details !== 'object') return undefined;
  const d = details as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { usedAt: text(d.usedAt), by: text(d.by), seatId: text(d.seatId) };
}

/**
 * Maps a failed `POST /api/checkin` (the one error shape) to what the door staff must know:
 * second scan (with when), forged/altered/other event, cancelled, or a key problem. Pure.
 *
 * @example outcomeOfError(new ApiError('ticket_void', '…', 410)) // { kind: 'void' }
 */
export function outcomeOfError(error: unknown): CheckinOutcome {
  if (!(error instanceof ApiError)) return { kind: 'error', message: friendlyMessage(error) };
  switch (error.code) {
    case 'ticket_already_used':
      return { kind: 'already-used', details: usedDetails(error.details) };
    case 'ticket_invalid':
    case 'validation_failed':
    case 'bad_request':
      return { kind: 'invalid' };
    case 'ticket_void':
      return { kind: 'void' };
    case 'unauthorized':
    case 'forbidden':
      return {
        kind: 'key-refused',
        message:
          error.code === 'unauthorized'
            ? 'A scanner or organizer key is needed.'
            : 'That key is not a scanner or organizer key.',
      };
    default:
      return { kind: 'error', message: friendlyMessage(error) };
  }
}
