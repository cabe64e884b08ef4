import { createHmac, timingSafeEqual } from 'node:crypto';
import { base64urlToBytes, bytesToBase64url } from './base64url';

/** What a ticket code proves: this ticket, for this event and seat, was issued by us. */
export interface TicketClaims {
  ticketId: string;
  eventId: string;
  seatId: string;
}

/**
 * HMAC keys by id, the same shape as the token keys (`TokenKeys`): secrets are strings whose
 * UTF-8 bytes key HMAC-SHA256. Old kids stay listed so tickets issued before a rotation verify.
 */
export interface TicketKeys {
  activeKid: string;
  keys: Record<string, string>;
}

const VERSION = 'v1';
const KID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function mac(secret: string, signed: string): Buffer {
  return createHmac('sha256', secret).update(signed).digest();
}

/**
 * Signs a ticket into a compact code for the QR: `v1.<kid>.<payload b64url>.<hmac b64url>`,
 * where payload is `{"t","e","s"}` JSON and the HMAC-SHA256 covers `v1.<kid>.<payload>`.
 * A door scanner holding the keys verifies it offline.
 *
 * @example signTicketCode({ ticketId: 't_…', eventId: 'demo-arena', seatId: 'floor-a:C:12' }, keys)
 */
export function signTicketCode(claims: TicketClaims, keys: TicketKeys): string {
  const secret = keys.keys[keys.activeKid];
  if (!secret || !KID_PATTERN.test(keys.activeKid)) {
    throw new Error(`ticket keys: active kid "${keys.activeKid}" has no secret or a bad name`);
  }
  const json = JSON.stringify({ t: claims.ticketId, e: claims.eventId, s: claims.seatId });
  const signed = `${VERSION}.${keys.activeKid}.${bytesToBase64url(encoder.encode(json))}`;
  return `${signed}.${mac(secret, signed).toString('base64url')}`;
}

/**
 * Verifies a ticket code against the key ring (constant-time MAC comparison).
 * @returns the claims, or null for anything forged, altered, malformed or signed by an unknown kid.
 */
export function verifyTicketCode(code: string, keys: TicketKeys): TicketClaims | null {
  if (typeof code !== 'string' || code.length > 1_024) return null;
  const parts = code.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  const [, kid, payload, signature] = parts;
  const secret = Object.hasOwn(keys.keys, kid) ? keys.keys[kid] : undefined;
  if (!secret) return null;
  try {
    const expected = mac(secret, `${VERSION}.${kid}.${payload}`);
    const given = base64urlToBytes(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const body: unknown = JSON.parse(decoder.decode(base64urlToBytes(payload)));
    if (typeof body !== 'object' || body === null) return null;
    const { t, e, s } = body as Record<string, unknown>;
    if (typeof t !== 'string' || typeof e !== 'string' || typeof s !== 'string') return null;
    return { ticketId: t, eventId: e, seatId: s };
  } catch {
    return null;
  }
}
