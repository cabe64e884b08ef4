import { AppError } from '../../../common/errors';

/** Seconds a buyer is asked to wait before retrying while the room's Redis is unreachable. */
const STORE_RETRY_AFTER_SECONDS = 2;

/** Socket-level failures (Node's net, undici's fetch) that mean "cannot reach the store". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/**
 * What ioredis says when it has no connection (fail-fast client: offline queue off; default
 * client: retries exhausted; a connection dropped under a command), what fetch says when the
 * Upstash endpoint is unreachable, and Redis replies that mean "not serving right now" (loading
 * its data, a read-only replica after a failover, a busy script, cluster down). The local Upstash
 * bridge passes ioredis's text on as the error of its answer, so the same words arrive there.
 */
const UNAVAILABLE_TEXT =
  /Stream isn't writeable|Connection is closed|max retries per request|connect ETIMEDOUT|ECONNREFUSED|ECONNRESET|fetch failed|^(?:LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|BUSY)\b/;

function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    out.push(current);
    const { errors } = current as { errors?: unknown };
    if (Array.isArray(errors)) out.push(...errors);
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

/**
 * True when a room-store call failed because Redis (or the Upstash endpoint in front of it)
 * cannot be reached or is not serving: a retryable outage, not a bug. Script errors, bad replies
 * and everything else stay false, so they still surface as 500s.
 *
 * @example if (isStoreUnavailable(error)) throw storeUnavailable();
 */
export function isStoreUnavailable(error: unknown): boolean {
  return causes(error).some((e) => {
    const { name, code, message } = e as { name?: unknown; code?: unknown; message?: unknown };
    if (name === 'MaxRetriesPerRequestError') return true;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    // Upstash errors end with ", command was: [...]" (the script's text): match before it.
    const text = typeof message === 'string' ? (message.split(', command was:')[0] ?? '') : '';
    return UNAVAILABLE_TEXT.test(text);
  });
}

/**
 * The one answer for a store outage: 503 `unavailable` with Retry-After. The store adapters
 * throw it, so the waiting room and the origin both answer an outage alike; `cause` keeps the
 * client's own error for the log.
 */
export function storeUnavailable(cause?: unknown): AppError {
  const error = new AppError(
    'unavailable',
    'The waiting room is briefly unavailable: try again in a moment',
    undefined,
    STORE_RETRY_AFTER_SECONDS,
  );
  if (cause !== undefined) error.cause = cause;
  return error;
}
