/**
 * CloudFront Function (viewer-request, runtime cloudfront-js-2.0) on the buying paths `/api/*`:
 * lets a request through only with a valid access token for the event in the path, so buyers
 * who have not passed that event's waiting room never reach the origin.
 *
 * Token: `Authorization: Bearer <jwt>` or the `fg_access` cookie; HS256 JWT whose `kid` names the
 * secret in the KeyValueStore under `kid:<kid>`; `typ = access`, `iss = floodgate`, not expired,
 * `scp = buy`, and `evt` equal to the `{eventId}` of `/api/events/{eventId}/…` (paths under
 * `/api/*` without an event get the other checks only). Valid → the request continues with
 * `x-floodgate-ticket: <ticket id>` (set here, so a viewer cannot forge it).
 *
 * Refused → a browser navigation (`Accept` includes `text/html`) gets a 302 to the storefront's
 * event page `/events/{eventId}`, where the queue lives (`/` without an event); an API client
 * gets the one error shape: 401 `unauthorized` | `token_invalid` | `token_expired`, 403
 * `not_admitted` (token for another event) | `forbidden` (wrong scope), 400 `bad_request`.
 *
 * Written for the cloudfront-js-2.0 subset: no destructuring, spread, optional chaining, `??`,
 * classes or npm imports; `require('crypto')` for HMAC only. compile.ts strips the types and the
 * `export` (the runtime wants a plain global `handler`), and checks the result.
 */
import cf from 'cloudfront';

// biome-ignore lint/style/useNodejsImportProtocol: CloudFront Functions know only 'crypto', not 'node:crypto'.
const crypto = require('crypto');

interface CfValue {
  value: string;
}
interface CfEvent {
  context: { requestId: string };
  request: {
    uri: string;
    headers: Record<string, CfValue | undefined>;
    cookies: Record<string, CfValue | undefined>;
  };
}
interface Claims {
  typ?: unknown;
  scp?: unknown;
  iss?: unknown;
  exp?: unknown;
  tid?: unknown;
  evt?: unknown;
}

const ACCESS_COOKIE = 'fg_access';
const ISSUER = 'floodgate';
const EVENT_PREFIX = '/api/events/';
/** docs/contracts.md: event ids are `^[a-z0-9][a-z0-9-]{1,62}$`. */
const EVENT_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const STATUS: Record<string, number> = {
  bad_request: 400,
  unauthorized: 401,
  token_invalid: 401,
  token_expired: 401,
  forbidden: 403,
  not_admitted: 403,
};
const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
};

/** The event id of a buying path; '' when the path carries none; null when it is malformed. */
function eventOf(uri: string): string | null {
  // Dot segments and encoded slashes/dots could make the origin see another path than this one.
  if (/\/\.\.?(\/|$)|%2[ef]/i.test(uri)) return null;
  if (uri.indexOf(EVENT_PREFIX) !== 0) return '';
  const rest = uri.slice(EVENT_PREFIX.length);
  const slash = rest.indexOf('/');
  const id = slash === -1 ? rest : rest.slice(0, slash);
  return EVENT_ID.test(id) ? id : null;
}

function wantsHtml(event: CfEvent): boolean {
  const accept = event.request.headers.accept;
  return !!accept && accept.value.indexOf('text/html') !== -1;
}

function deny(event: CfEvent, eventId: string, code: string, message: string) {
  const requestId = event.context.requestId;
  if (wantsHtml(event)) {
    return {
      statusCode: 302,
      statusDescription: 'Found',
      headers: {
        location: { value: eventId ? `/events/${eventId}` : '/' },
        'cache-control': { value: 'no-store' },
        'x-request-id': { value: requestId },
      },
    };
  }
  const status = STATUS[code] || 401;
  const headers: Record<string, CfValue> = {
    'content-type': { value: 'application/json' },
    'cache-control': { value: 'no-store' },
    'x-request-id': { value: requestId },
  };
  if (status === 401) headers['www-authenticate'] = { value: 'Bearer' };
  const body = { error: { code: code, message: message, requestId: requestId } };
  return {
    statusCode: status,
    statusDescription: REASON[status],
    headers: headers,
    body: { encoding: 'text', data: JSON.stringify(body) },
  };
}

function tokenOf(event: CfEvent): string {
  const auth = event.request.headers.authorization;
  if (auth && auth.value.indexOf('Bearer ') === 0) return auth.value.slice(7).trim();
  const cookie = event.request.cookies[ACCESS_COOKIE];
  return cookie ? cookie.value : '';
}

function decodeJson(part: string): Claims | null {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return null;
  let b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  while (b64.length % 4 !== 0) b64 += '=';
  try {
    const value = JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));
    return value !== null && typeof value === 'object' ? value : null;
  } catch (_e) {
    return null;
  }
}

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export async function handler(event: CfEvent) {
  const eventId = eventOf(event.request.uri);
  if (eventId === null) return deny(event, '', 'bad_request', 'Path is not a buying path');
  const token = tokenOf(event);
  if (!token) return deny(event, eventId, 'unauthorized', 'An access token is required');
  const parts = token.split('.');
  if (parts.length !== 3) return deny(event, eventId, 'token_invalid', 'Token is not valid');
  const header = decodeJson(parts[0] as string) as { alg?: unknown; kid?: unknown } | null;
  // biome-ignore lint/complexity/useOptionalChain: cloudfront-js-2.0 has no optional chaining.
  if (!header || header.alg !== 'HS256' || typeof header.kid !== 'string') {
    return deny(event, eventId, 'token_invalid', 'Token is not valid');
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(header.kid)) {
    return deny(event, eventId, 'token_invalid', 'Token is not valid');
  }
  let secret = '';
  try {
    secret = await cf.kvs().get(`kid:${header.kid}`, { format: 'string' });
  } catch (_e) {
    return deny(event, eventId, 'token_invalid', 'Token signed with an unknown key');
  }
  const expected = crypto
    .createHmac('sha256', secret)
    .update(`${parts[0]}.${parts[1]}`)
    .digest('base64url');
  if (!sameText(expected, parts[2] as string)) {
    return deny(event, eventId, 'token_invalid', 'Token is not valid');
  }
  const claims = decodeJson(parts[1] as string);
  // biome-ignore lint/complexity/useOptionalChain: cloudfront-js-2.0 has no optional chaining.
  if (!claims || claims.typ !== 'access' || claims.iss !== ISSUER) {
    return deny(event, eventId, 'token_invalid', 'Not an access token');
  }
  if (
    typeof claims.tid !== 'string' ||
    typeof claims.exp !== 'number' ||
    typeof claims.evt !== 'string'
  ) {
    return deny(event, eventId, 'token_invalid', 'Token is not valid');
  }
  if (claims.exp <= Date.now() / 1000) {
    return deny(event, eventId, 'token_expired', 'Token has expired');
  }
  if (claims.scp !== 'buy') return deny(event, eventId, 'forbidden', 'Token may not buy');
  if (eventId && claims.evt !== eventId) {
    return deny(event, eventId, 'not_admitted', 'Token is for another event');
  }
  event.request.headers['x-floodgate-ticket'] = { value: claims.tid };
  return event.request;
}
