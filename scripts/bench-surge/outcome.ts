import type { HttpAnswer } from './http-client';
import type { Outcome } from './stats';

/**
 * Answers a real buyer meets in a surge and handles: a seat someone else just took, a section
 * sold out, a lock held by a competing hold (retry), a hold that lapsed, a declined card.
 * They are the system working, so they count as `rejected`, not as errors.
 */
const EXPECTED_CODES = new Set([
  'seat_taken',
  'sold_out',
  'conflict',
  'lock_busy',
  'hold_expired',
  'payment_declined',
  'limit_exceeded',
]);

/** The `error.code` of an error body, or undefined when it is not the one error shape. */
export function errorCodeOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Classifies an answer: 1xx–3xx ok; an expected refusal (by its error code) rejected; anything
 * else (5xx, timeouts, dropped connections, unexpected 4xx) an error.
 * @example classify({ status: 409, body: '{"error":{"code":"seat_taken"}}', ms: 3 }) // 'rejected'
 */
export function classify(answer: HttpAnswer): Outcome {
  if (answer.failure || answer.status === 0) return 'error';
  if (answer.status < 400) return 'ok';
  const code = errorCodeOf(answer.body);
  return code !== undefined && EXPECTED_CODES.has(code) ? 'rejected' : 'error';
}

/** What the report shows for a non-ok answer: `409 seat_taken`, `502`, `timeout`. */
export function statusLabel(answer: HttpAnswer): string {
  if (answer.failure) return answer.failure;
  const code = errorCodeOf(answer.body);
  return code ? `${answer.status} ${code}` : String(answer.status);
}
