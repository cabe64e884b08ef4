import { bytesToBase64url } from './base64url';

/** Id prefixes: hold, order, ticket, payment, refund. */
export type IdPrefix = 'h' | 'o' | 't' | 'p' | 'r';

const RANDOM_BYTES = 16;

/**
 * A new unguessable id: `${prefix}_` + 128 random bits as 22 base64url characters.
 * Uses Web Crypto's `getRandomValues`, which Node 20+, browsers and edge runtimes all have.
 * Ids double as capabilities in places (hold ids are fencing tokens), hence the entropy.
 *
 * @example newId('h') // 'h_3q2-7wEfG0aZ5xXo9bLk1A'
 */
export function newId(prefix: IdPrefix): string {
  const bytes = new Uint8Array(RANDOM_BYTES);
  globalThis.crypto.getRandomValues(bytes);
  return `${prefix}_${bytesToBase64url(bytes)}`;
}

/** True when `value` looks like an id made by {@link newId} with that prefix (20+ random chars). */
export function isId(prefix: IdPrefix, value: string): boolean {
  return new RegExp(`^${prefix}_[A-Za-z0-9_-]{20,64}$`).test(value);
}
