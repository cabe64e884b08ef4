/**
 * CloudFront Function (viewer-request, runtime cloudfront-js-2.0) on the buying paths `/api/*`:
 * lets a request through only with a valid access token, so buyers who have not passed the
 * waiting room never reach the origin.
 *
 * Token: `Authorization: Bearer <jwt>` or the `fg_access` cookie; HS256 JWT whose `kid` names the
 * secret in the KeyValueStore under `kid:<kid>`; `typ = access`, `scp = buy`, not expired.
 * Valid → the request continues with `x-floodgate-ticket: <ticket id>` (set here, so a viewer
 * cannot forge it). Invalid → 401 in the one error shape.
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
}

const ACCESS_COOKIE = 'fg_access';
const ISSUER = 'floodgate';

function deny(event: CfEvent, code: string, message: string) {
  const body = { error: { code: code, message: message, requestId: event.context.requestId } };
  return {
    statusCode: 401,
    statusDescription: 'Unauthorized',
    headers: {
      'content-type': { value: 'application/json' },
      'cache-control': { value: 'no-store' },
      'www-authenticate': { value: 'Bearer' },
      'x-request-id': { value: event.context.requestId },
    },
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
  const token = tokenOf(event);
  if (!token) return deny(event, 'unauthorized', 'An access token is required');
  const parts = token.split('.');
  if (parts.length !== 3) return deny(event, 'token_invalid', 'Token is not valid');
  const header = decodeJson(parts[0] as string) as { alg?: unknown; kid?: unknown } | null;
  // biome-ignore lint/complexity/useOptionalChain: cloudfront-js-2.0 has no optional chaining.
  if (!header || header.alg !== 'HS256' || typeof header.kid !== 'string') {
    return deny(event, 'token_invalid', 'Token is not valid');
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(header.kid)) {
    return deny(event, 'token_invalid', 'Token is not valid');
  }
  let secret = '';
  try {
    secret = await cf.kvs().get(`kid:${header.kid}`, { format: 'string' });
  } catch (_e) {
    return deny(event, 'token_invalid', 'Token signed with an unknown key');
  }
  const expected = crypto
    .createHmac('sha256', secret)
    .update(`${parts[0]}.${parts[1]}`)
    .digest('base64url');
  if (!sameText(expected, parts[2] as string)) {
    return deny(event, 'token_invalid', 'Token is not valid');
  }
  const claims = decodeJson(parts[1] as string);
  // biome-ignore lint/complexity/useOptionalChain: cloudfront-js-2.0 has no optional chaining.
  if (!claims || claims.typ !== 'access' || claims.scp !== 'buy' || claims.iss !== ISSUER) {
    return deny(event, 'token_invalid', 'Not an access token');
  }
  if (typeof claims.tid !== 'string' || typeof claims.exp !== 'number') {
    return deny(event, 'token_invalid', 'Token is not valid');
  }
  if (claims.exp <= Date.now() / 1000) return deny(event, 'token_expired', 'Token has expired');
  event.request.headers['x-floodgate-ticket'] = { value: claims.tid };
  return event.request;
}
