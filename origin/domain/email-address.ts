/**
 * Email addresses as buyer identity. Orders, per-buyer limits and accounts are keyed by the
 * normalized address, so `Ann@Example.com ` and `ann@example.com` are one buyer. Only case and
 * surrounding space are folded: dots and `+tags` are kept, since whether they name the same
 * mailbox depends on the provider.
 */

/** Longest address accepted (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;

/**
 * The key form of an address: trimmed and lower-cased (NFC first, so composed and decomposed
 * forms of one address agree).
 * @example normalizeEmail(' Ann@Example.COM ') === 'ann@example.com'
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}
