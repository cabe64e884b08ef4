import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

describe('formatMoney', () => {
  it('drops the cents of whole amounts so seat labels read "€85"', () => {
    expect(formatMoney(8500, 'EUR')).toBe('€85');
    expect(formatMoney(8550, 'EUR')).toBe('€85.50');
    expect(formatMoney(14_900, 'USD')).toBe('US$149');
  });
});
