/**
 * The one error shape of Floodgate, used by the edge and the origin alike:
 * `{ "error": { "code", "message", "requestId" } }`.
 *
 * Services return results or throw {@link AppError}; only routes (and the edge)
 * turn codes into HTTP statuses, through {@link statusOf}.
 *
 * @example
 * throw new AppError('seat_taken', 'Seat A-1-3 was just taken');
 */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  token_invalid: 401,
  token_expired: 401,
  link_invalid: 401,
  ticket_invalid: 400,
  forbidden: 403,
  not_admitted: 403,
  session_ended: 403,
  not_found: 404,
  conflict: 409,
  idempotency_conflict: 409,
  hold_in_checkout: 409,
  seat_taken: 409,
  sold_out: 409,
  link_used: 409,
  ticket_already_used: 409,
  order_not_cancellable: 409,
  hold_expired: 410,
  link_expired: 410,
  ticket_void: 410,
  event_cancelled: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  limit_exceeded: 422,
  payment_declined: 402,
  rate_limited: 429,
  lock_busy: 503,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    /** Optional machine-readable detail, e.g. the zod issues of a validation failure. */
    details?: unknown;
  };
}

/** A named failure a service can raise; routes map it to HTTP with {@link statusOf}. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds the client should wait before retrying (sent as Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function statusOf(code: ErrorCode): (typeof ERROR_STATUS)[ErrorCode] {
  return ERROR_STATUS[code];
}

export function errorBody(
  code: ErrorCode,
  message: string,
  requestId: string,
  details?: unknown,
): ErrorBody {
  return {
    error:
      details === undefined ? { code, message, requestId } : { code, message, requestId, details },
  };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}
