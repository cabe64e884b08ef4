import { base64url } from 'jose';
import { digest, randomBytes } from './web-crypto';

/**
 * The client secret binds a queue ticket to the browser (or API client) that joined: the ticket
 * carries only the secret's SHA-256, so a leaked ticket cannot be redeemed elsewhere.
 * Web-standard crypto only (web-crypto.ts); base64url is jose's (already in the edge bundle).
 */

/** 32 random bytes, base64url (43 chars). Sent as the HttpOnly `fg_client` cookie. */
export function newClientSecret(): string {
  return base64url.encode(randomBytes(32));
}

/** SHA-256 of the secret, base64url: the `cs` claim of the ticket. */
export async function hashClientSecret(secret: string): Promise<string> {
  return base64url.encode(await digest('SHA-256', secret));
}

/** True for something shaped like a secret we issued (avoids hashing arbitrary input). */
export function isClientSecret(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Ticket id: `t_` + 20 random bytes base64url (contract: ids are a prefix + 20+ chars). */
export function newTicketId(): string {
  return `t_${base64url.encode(randomBytes(20))}`;
}
