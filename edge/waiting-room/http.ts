import type { Context } from 'hono';
import type { CookieOptions } from 'hono/utils/cookie';
import { AppError } from '../../common/errors';

/** Hono environment of the waiting-room app. `request` is the CloudFront request on Lambda@Edge. */
export interface WaitingRoomEnv {
  Bindings: { request?: { clientIp?: string } };
  Variables: { requestId: string };
}

export type WaitingRoomContext = Context<WaitingRoomEnv>;

const EVENT_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Contract: event ids are `^[a-z0-9][a-z0-9-]{1,62}$`; anything else is a 400. */
export function eventIdOf(c: WaitingRoomContext): string {
  const eventId = c.req.param('eventId') ?? '';
  if (!EVENT_ID.test(eventId)) throw new AppError('bad_request', 'Event id is not valid');
  return eventId;
}

/** The client's `x-request-id` when sane (≤ 64 of `[A-Za-z0-9_-]`), else a fresh UUID. */
export function requestIdOf(header: string | undefined): string {
  return header && REQUEST_ID.test(header) ? header : crypto.randomUUID();
}

/**
 * Whether the viewer used https. Behind CloudFront the app sees an https URL; a local edge
 * serving plain http says so with `x-forwarded-proto: http`.
 */
export function isHttps(c: WaitingRoomContext): boolean {
  const proto = c.req.header('x-forwarded-proto') ?? c.req.header('cloudfront-forwarded-proto');
  if (proto) return proto.split(',')[0]?.trim().toLowerCase() === 'https';
  return new URL(c.req.url).protocol === 'https:';
}

/**
 * The viewer's IP: CloudFront's `clientIp` on Lambda@Edge; elsewhere (tests, a local edge
 * without the event) the first `x-forwarded-for` hop.
 */
export function clientIpOf(c: WaitingRoomContext): string {
  const fromEdge = c.env?.request?.clientIp;
  if (fromEdge) return fromEdge;
  return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
}

/** Cookie attributes shared by the waiting-room cookies. */
export function cookieOptions(c: WaitingRoomContext, over: CookieOptions): CookieOptions {
  return { path: '/', sameSite: 'Lax', secure: isHttps(c), ...over };
}

/**
 * API clients (no browser User-Agent, or `x-floodgate-client: api`) get the client secret in
 * the JSON; browsers only in the HttpOnly cookie, out of reach of page scripts.
 */
export function wantsSecretInBody(c: WaitingRoomContext): boolean {
  const kind = c.req.header('x-floodgate-client')?.toLowerCase();
  if (kind === 'api') return true;
  if (kind === 'browser') return false;
  return !(c.req.header('user-agent') ?? '').startsWith('Mozilla/');
}
