import type { ErrorCode } from '../../../common/errors';

/**
 * A failed API call, carrying the server's error code so pages can react per code
 * (back to the queue on `token_expired`, nearest seats on `seat_taken`, …).
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    readonly status: number,
    readonly requestId?: string,
    /** Seconds from `Retry-After`, when the server sent one. */
    readonly retryAfter?: number,
    /** The error's machine-readable `details` (e.g. `{ seats }` lost on `seat_taken`). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const FRIENDLY: Partial<Record<ApiError['code'], string>> = {
  seat_taken: 'Someone got there first — here are the nearest seats.',
  sold_out: 'Sold out — no seats left that match.',
  hold_expired: 'Your hold ran out of time and the seats went back on sale.',
  rate_limited: 'Too many tries at once — wait a few seconds and try again.',
  token_expired: 'Your buying session ended — taking you back to the queue.',
  token_invalid: 'Your buying session is not valid — taking you back to the queue.',
  not_admitted: 'It is not your turn yet — taking you back to the queue.',
  session_ended: 'Your buying session ended — taking you back to the queue.',
  unavailable: 'The box office is overloaded right now — we kept retrying; try again in a moment.',
  lock_busy: 'Those seats are being taken right now — try again in a moment.',
  payment_declined: 'The card was declined. Check the details or try another card.',
  limit_exceeded: 'That is more tickets than one buyer may take.',
  validation_failed: 'Something in the form is not right — check and try again.',
  unauthorized: 'Sign in first.',
  forbidden: 'That key is not allowed here.',
  not_found: 'Not found.',
  link_invalid: 'This sign-in link is not valid — ask for a new one.',
  link_expired: 'This sign-in link has expired (they last 15 minutes) — ask for a new one.',
  link_used: 'This sign-in link was already used — ask for a new one.',
  ticket_invalid: 'Not a valid ticket: the code is forged, altered or for another event.',
  ticket_void: 'This ticket was cancelled and refunded — it does not get in.',
  ticket_already_used: 'This ticket was already scanned.',
  order_not_cancellable:
    'Only confirmed orders can be cancelled (this one is still pending or failed).',
  event_cancelled: 'This event was cancelled.',
  network: 'No connection — check your network and try again.',
};

/** A message a buyer can act on, for any error (falls back to the server's own message). */
export function friendlyMessage(error: unknown): string {
  if (error instanceof ApiError) return FRIENDLY[error.code] ?? error.message;
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/**
 * True when the buyer must rejoin the waiting room: the access token no longer works, or its
 * waiting-room session is over (`session_ended`: e.g. the hold was bought, and they came back
 * for more).
 */
export function needsQueue(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'token_expired' ||
      error.code === 'token_invalid' ||
      error.code === 'not_admitted' ||
      error.code === 'session_ended')
  );
}

/** True for answers that say "try again shortly" rather than "no". */
export function isRetryable(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'unavailable' || error.code === 'lock_busy' || error.code === 'network')
  );
}

/**
 * Turns a non-2xx response into an {@link ApiError}, reading the one error shape
 * `{ error: { code, message, requestId } }` and tolerating anything else.
 */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const retryAfter = Number(res.headers.get('retry-after')) || undefined;
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = (
    body as { error?: { code?: string; message?: string; requestId?: string; details?: unknown } }
  )?.error;
  const code = (err?.code ?? (res.status >= 500 ? 'unavailable' : 'bad_request')) as ErrorCode;
  return new ApiError(
    code,
    err?.message ?? `HTTP ${res.status}`,
    res.status,
    err?.requestId ?? res.headers.get('x-request-id') ?? undefined,
    retryAfter,
    err?.details,
  );
}

/** The seat ids a `seat_taken` answer says were lost (its `details.seats`), if any. */
export function lostSeats(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== 'seat_taken') return [];
  const seats = (error.details as { seats?: unknown } | undefined)?.seats;
  return Array.isArray(seats) ? seats.filter((s): s is string => typeof s === 'string') : [];
}
