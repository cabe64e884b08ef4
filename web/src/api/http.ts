import { signal } from '@preact/signals';
import { ApiError, errorFromResponse, isRetryable } from './errors';

/** Set while a request is being retried after a "busy" answer; the app shows a banner. */
export const retryNotice = signal<string | null>(null);

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Retry `unavailable`/`lock_busy`/network failures. Only for GETs or idempotent writes. */
  retries?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Longest wait between two retries, so a buyer never stares at a stuck page. */
export const MAX_BACKOFF_MS = 8000;

/**
 * Milliseconds before retry number `attempt` (0-based): the server's `Retry-After` when it sent
 * one, else exponential back-off from 500 ms with jitter (`random` in [0, 1)), so thousands of
 * buyers told "busy" at once do not all come back in the same instant. Capped at 8 s.
 *
 * @example backoffMs(2, undefined, 0.5) // 2000: 500 × 2² × (0.5 + 0.5)
 */
export function backoffMs(
  attempt: number,
  retryAfterSeconds?: number,
  random = Math.random(),
): number {
  if (retryAfterSeconds && retryAfterSeconds > 0) {
    return Math.min(MAX_BACKOFF_MS, retryAfterSeconds * 1000);
  }
  return Math.round(Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt) * (0.5 + random));
}

/**
 * Sends one request made by `make` (a `fetch` or an `hc` call), parses JSON, throws
 * {@link ApiError} on any non-2xx. Retries busy answers with backoff (honouring `Retry-After`)
 * up to `retries` times: only for reads and idempotent writes.
 *
 * @example const body = await send<{ order: Order }>(() => api.api.orders[':orderId'].$get(…), 2);
 */
export async function send<T>(make: () => Promise<Response>, retries = 0): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let error: ApiError;
    try {
      const res = await make();
      if (res.ok) {
        retryNotice.value = null;
        return (res.status === 204 ? undefined : await res.json()) as T;
      }
      error = await errorFromResponse(res);
    } catch (cause) {
      if (cause instanceof ApiError) throw cause;
      error = new ApiError('network', String(cause), 0);
    }
    if (attempt >= retries || !isRetryable(error)) {
      retryNotice.value = null;
      throw error;
    }
    const wait = backoffMs(attempt, error.retryAfter);
    retryNotice.value = `The box office is busy — retrying in ${Math.ceil(wait / 1000)} s (attempt ${attempt + 2} of ${retries + 1})…`;
    await sleep(wait);
  }
}

/**
 * One request whose answer is not JSON (an email's HTML, a CSV file): the response when 2xx,
 * else an {@link ApiError} from the one error shape. No retries: the caller offers "try again".
 *
 * @example const html = await (await sendRaw(() => api.api.dev.mailbox[':id'].$get(…))).text();
 */
export async function sendRaw(make: () => Promise<Response>): Promise<Response> {
  let res: Response;
  try {
    res = await make();
  } catch (cause) {
    throw new ApiError('network', String(cause), 0);
  }
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

/**
 * One plain JSON request (same-origin cookies included) through {@link send}.
 *
 * @example const state = await requestJson<RoomState>('/wr/demo-arena/state');
 */
export function requestJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, headers = {}, retries = method === 'GET' ? 2 : 0 } = options;
  return send<T>(
    () =>
      fetch(url, {
        method,
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    retries,
  );
}
