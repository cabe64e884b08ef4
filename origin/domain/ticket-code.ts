import {
  CompactSign,
  compactVerify,
  createLocalJWKSet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';

/** What a ticket code proves: this ticket, for this event and seat, was issued by us. */
export interface TicketClaims {
  ticketId: string;
  eventId: string;
  seatId: string;
}

/**
 * The origin's signing key: a private Ed25519 JWK (`kty: OKP`, `crv: Ed25519`, with `d`) and its
 * kid. Only the origin holds it; nothing that can sign ticket codes can sign access tokens.
 */
export interface TicketSigningKey {
  kid: string;
  privateJwk: JWK;
}

/**
 * What door scanners hold: a JWK Set of public Ed25519 keys, each with its `kid` (the active
 * one and those retired but still honoured). Public, so it can be published and cached.
 */
export interface TicketPublicKeys {
  keys: JWK[];
}

/** JWS `typ` of a ticket code, so no other EdDSA-signed JWS passes for a ticket. */
export const TICKET_CODE_TYP = 'fg-ticket';
const ALG = 'EdDSA';
const MAX_CODE_LENGTH = 1_024;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Signs a ticket into a compact code for the QR: a compact JWS (`EdDSA`, Ed25519) with header
 * `{ alg, kid, typ: "fg-ticket" }` and payload `{"t","e","s"}` (ticket, event, seat).
 * A scanner holding only the public keys verifies it offline ({@link verifyTicketCode}).
 *
 * @example await signTicketCode({ ticketId: 't_…', eventId: 'demo-arena', seatId: 'floor-a:C:12' }, ring.signing)
 */
export async function signTicketCode(claims: TicketClaims, key: TicketSigningKey): Promise<string> {
  const payload = encoder.encode(
    JSON.stringify({ t: claims.ticketId, e: claims.eventId, s: claims.seatId }),
  );
  return new CompactSign(payload)
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: TICKET_CODE_TYP })
    .sign(key.privateJwk);
}

const keySets = new WeakMap<TicketPublicKeys, JWTVerifyGetKey>();

function keySetOf(publicKeys: TicketPublicKeys): JWTVerifyGetKey {
  let set = keySets.get(publicKeys);
  if (!set) {
    set = createLocalJWKSet(publicKeys);
    keySets.set(publicKeys, set);
  }
  return set;
}

/**
 * Verifies a ticket code against public keys (e.g. the set served at `/api/catalog/ticket-keys`),
 * picking the key by the code's `kid`; only `EdDSA` and `typ: fg-ticket` are accepted.
 * @returns the claims, or null for anything forged, altered, malformed, of another type, or
 * signed by a kid the set does not list.
 * @example const claims = await verifyTicketCode(scanned, await (await fetch(keysUrl)).json());
 */
export async function verifyTicketCode(
  code: string,
  publicKeys: TicketPublicKeys,
): Promise<TicketClaims | null> {
  if (typeof code !== 'string' || code.length === 0 || code.length > MAX_CODE_LENGTH) return null;
  try {
    const { payload, protectedHeader } = await compactVerify(code, keySetOf(publicKeys), {
      algorithms: [ALG],
    });
    if (protectedHeader.typ !== TICKET_CODE_TYP) return null;
    const body: unknown = JSON.parse(decoder.decode(payload));
    if (typeof body !== 'object' || body === null) return null;
    const { t, e, s } = body as Record<string, unknown>;
    if (typeof t !== 'string' || typeof e !== 'string' || typeof s !== 'string') return null;
    return { ticketId: t, eventId: e, seatId: s };
  } catch {
    return null;
  }
}
