import { describe, expect, it } from 'vitest';
import { priceFromCents, totalCents } from './pricing';

describe('pricing', () => {
  it('sums prices in integer cents', () => {
    expect(totalCents([{ priceCents: 14_900 }, { priceCents: 4_900 }])).toBe(19_800);
    expect(totalCents([])).toBe(0);
  });

  it('refuses fractional or negative prices', () => {
    expect(() => totalCents([{ priceCents: 10.5 }])).toThrow(RangeError);
    expect(() => totalCents([{ priceCents: -1 }])).toThrow(RangeError);
  });

  it('finds the lowest tier price', () => {
    expect(priceFromCents([{ priceCents: 8_900 }, { priceCents: 4_900 }])).toBe(4_900);
    expect(priceFromCents([])).toBeNull();
  });
});
