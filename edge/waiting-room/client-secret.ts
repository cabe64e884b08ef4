import { createHash, randomBytes } from 'node:crypto';

/**
 * The client secret binds a queue ticket to the browser (or API client) that joined: the ticket
 * carries only the secret's SHA-256, so a leaked ticket cannot be redeemed elsewhere.
 */

/** 32 random bytes, base64url (43 chars). Sent as the HttpOnly `fg_client` cookie. */
export function newClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of the secret, base64url: the `cs` claim of the ticket. */
export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** True for something shaped like a secret we issued (avoids hashing arbitrary input). */
export function isClientSecret(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Ticket id: `t_` + 20 random bytes base64url (contract: ids are a prefix + 20+ chars). */
export function newTicketId(): string {
  return `t_${randomBytes(20).toString('base64url')}`;
}
