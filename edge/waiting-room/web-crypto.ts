/**
 * The few byte helpers the waiting room needs, on Web-standard APIs only
 * (`crypto.getRandomValues`, `crypto.subtle`, `TextEncoder`), so the same code runs on
 * Lambda@Edge (Node), in workerd (miniflare) and in browsers without `node:crypto`.
 */

const encoder = new TextEncoder();

/** `n` cryptographically random bytes. */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** Bytes → lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Hex → bytes (pairs of hex digits; a trailing odd digit or non-hex pair is dropped). */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const pairs = hex.match(/[0-9a-fA-F]{2}/g) ?? [];
  return Uint8Array.from(pairs, (pair) => Number.parseInt(pair, 16));
}

/**
 * A digest of bytes or of a string's UTF-8 encoding.
 * @example toHex(await digest('SHA-256', 'abc'))
 */
export async function digest(
  algorithm: 'SHA-1' | 'SHA-256',
  data: Uint8Array<ArrayBuffer> | string,
): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return new Uint8Array(await crypto.subtle.digest(algorithm, bytes));
}
