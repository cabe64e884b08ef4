import { describe, expect, it } from 'vitest';
import { chartPoints, niceMax } from './line-chart';

describe('chartPoints', () => {
  it('draws from zero at the bottom to the scale at the top, skipping gaps', () => {
    expect(chartPoints([0, 5, 10], 100, 20, 10)).toBe('0.0,19.0 50.0,10.0 100.0,1.0');
    expect(chartPoints([undefined, 5, undefined, 10], 30, 20, 10)).toBe('10.0,10.0 30.0,1.0');
  });

  it('draws nothing with fewer than two readings and clips values above the scale', () => {
    expect(chartPoints([undefined, 3], 10, 10, 5)).toBe('');
    expect(chartPoints([20, 20], 10, 10, 10)).toBe('0.0,1.0 10.0,1.0');
  });
});

describe('niceMax', () => {
  it('rounds the scale up to 1, 2 or 5 × a power of ten', () => {
    expect(niceMax([3, 7])).toBe(10);
    expect(niceMax([120])).toBe(200);
    expect(niceMax([0.3], 0)).toBe(0.5);
    expect(niceMax([undefined])).toBe(1);
  });
});
