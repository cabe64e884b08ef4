import { requestJson } from './http';
import type { AdmitAnswer, JoinAnswer, RoomState } from './types';

/**
 * The waiting room (`/wr/...`, Lambda@Edge in production). Plain fetch: it is not the origin's
 * API, and the edge sets the `fg_client` / `fg_ticket` / `fg_access` cookies itself.
 */

const enc = encodeURIComponent;

/** Takes a place in line; the ticket and client secret arrive as cookies (and JSON). */
export function joinQueue(eventId: string): Promise<JoinAnswer> {
  return requestJson<JoinAnswer>(`/wr/${enc(eventId)}/join`, { method: 'POST', body: {} });
}

/** Shared, CDN-cached state: the same answer for everyone, so polling it is cheap. */
export function roomState(eventId: string): Promise<RoomState> {
  return requestJson<RoomState>(`/wr/${enc(eventId)}/state`);
}

/**
 * Asks to be let in. With a ticket and client secret in hand they go in the body; otherwise the
 * cookies set at join carry them.
 */
export function admit(
  eventId: string,
  credentials?: { ticket: string; clientSecret: string },
): Promise<AdmitAnswer> {
  return requestJson<AdmitAnswer>(`/wr/${enc(eventId)}/admit`, {
    method: 'POST',
    body: credentials ?? {},
    retries: 2,
  });
}
