import { describe, expect, it } from 'vitest';
import { sparklinePoints } from './sparkline';

describe('sparklinePoints', () => {
  it('spreads values across the width with the largest at the top', () => {
    expect(sparklinePoints([0, 10], 100, 22)).toBe('0.0,21.0 100.0,1.0');
  });

  it('draws nothing for fewer than two values and a flat line for equal ones', () => {
    expect(sparklinePoints([5], 100, 20)).toBe('');
    expect(sparklinePoints([3, 3], 10, 20)).toBe('0.0,19.0 10.0,19.0');
  });
});
