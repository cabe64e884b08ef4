import { describe, expect, it } from 'vitest';
import { decodeAvailability, encodeAvailability } from './availability-codec';
import { base64urlToBytes, bytesToBase64url } from './base64url';

const pattern = (n: number, seed = 7) =>
  Array.from({ length: n }, (_, i) => ((i * seed) ^ (i >> 3)) % 3 !== 0);

describe('availability codec', () => {
  it('packs bits MSB-first into base64url bytes', () => {
    expect(encodeAvailability([true, false, true])).toBe('oA');
    expect(encodeAvailability(Array(8).fill(true))).toBe('_w');
    expect(encodeAvailability([])).toBe('');
  });

  it.each([0, 1, 7, 8, 9, 13, 64, 1_001, 20_000])('round-trips %i seats', (count) => {
    const bits = pattern(count);
    expect(decodeAvailability(encodeAvailability(bits), count)).toEqual(bits);
  });

  it('encodes 20,000 seats in under 3.5 KB of text', () => {
    expect(encodeAvailability(pattern(20_000)).length).toBeLessThan(3_500);
  });

  it('rejects text that holds fewer bits than requested', () => {
    expect(() => decodeAvailability(encodeAvailability([true]), 9)).toThrow(RangeError);
  });

  it('rejects characters outside base64url', () => {
    expect(() => decodeAvailability('a+b/', 8)).toThrow(RangeError);
  });
});

describe('base64url', () => {
  it('matches Node’s base64url for every length up to 40 bytes', () => {
    for (let n = 0; n <= 40; n += 1) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 53 + n) & 0xff);
      const expected = Buffer.from(bytes).toString('base64url');
      expect(bytesToBase64url(bytes)).toBe(expected);
      expect([...base64urlToBytes(expected)]).toEqual([...bytes]);
    }
  });
});
