import { describe, expect, it } from 'vitest';
import { isId, newId } from './ids';

describe('ids', () => {
  it('makes prefixed ids with 22 base64url characters (128 bits)', () => {
    const id = newId('h');
    expect(id).toMatch(/^h_[A-Za-z0-9_-]{22}$/);
    expect(isId('h', id)).toBe(true);
    expect(isId('o', id)).toBe(false);
  });

  it('never repeats across many draws', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('t')));
    expect(ids.size).toBe(10_000);
  });
});
