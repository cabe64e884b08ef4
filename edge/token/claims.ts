/**
 * Token formats shared by the waiting room (issues tokens), the CloudFront Function
 * (checks access tokens on every buying request) and the origin (checks them again).
 *
 * Both are compact HS256 JWTs with a `kid` header so keys can rotate. HS256 is the only
 * algorithm a CloudFront Function can verify (it has HMAC, no public-key crypto).
 */

/** Cookie names. The client secret is HttpOnly; the ticket binds to its hash. */
export const CLIENT_COOKIE = 'fg_client';
export const TICKET_COOKIE = 'fg_ticket';
export const ACCESS_COOKIE = 'fg_access';

export const TOKEN_ISSUER = 'floodgate';

/** A place in line. `cs` is the SHA-256 (base64url) of the client secret it is bound to. */
export interface QueueTicketClaims {
  typ: 'ticket';
  evt: string;
  tid: string;
  pos: number;
  cs: string;
}

/** Permission to buy for one event, for one session. Checked at the edge and the origin. */
export interface AccessTokenClaims {
  typ: 'access';
  evt: string;
  tid: string;
  scp: 'buy';
}

/** Standard claims every Floodgate token carries after verification. */
export interface VerifiedClaims {
  iss: string;
  iat: number;
  exp: number;
}

/**
 * Signing keys by id. Secrets are base64url strings of at least 32 random bytes.
 * @example { activeKid: 'k1', keys: { k1: 'mF0...', k0: 'old...' } }
 */
export interface TokenKeys {
  activeKid: string;
  keys: Record<string, string>;
}
