import { base64urlToBytes, bytesToBase64url } from './base64url';

/**
 * The compact availability bitmap of a seated section, shared by the origin (encodes) and the
 * storefront (decodes). Seats are ordered by row (section order) then seat number; a bit is 1
 * when the seat is available; bits are packed MSB-first into bytes; the bytes are base64url.
 * 20,000 seats fit in ~3.4 KB, so one cached availability answer covers a whole arena.
 *
 * @example encodeAvailability([true, false, true]) === 'oA' // 0b1010_0000
 */
export function encodeAvailability(bits: readonly boolean[]): string {
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  bits.forEach((available, i) => {
    if (available) bytes[i >> 3] |= 0x80 >> (i & 7);
  });
  return bytesToBase64url(bytes);
}

/**
 * Decodes `count` seats from {@link encodeAvailability}'s output.
 * Throws a RangeError when the text is not base64url or holds fewer than `count` bits.
 *
 * @example decodeAvailability('oA', 3) // [true, false, true]
 */
export function decodeAvailability(encoded: string, count: number): boolean[] {
  const bytes = base64urlToBytes(encoded);
  if (bytes.length * 8 < count) {
    throw new RangeError(`availability: ${bytes.length * 8} bits encoded, ${count} expected`);
  }
  return Array.from({ length: count }, (_, i) => (bytes[i >> 3] & (0x80 >> (i & 7))) !== 0);
}
