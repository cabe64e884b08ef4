import { describe, expect, it } from 'vitest';
import { oncePerInterval } from './once-per-interval';

describe('oncePerInterval', () => {
  it('opens once per interval per key and counts the calls it held back', () => {
    const clock = { now: 1_000 };
    const due = oncePerInterval(5_000, () => clock.now);
    expect(due('redis')).toBe(0);
    expect(due('redis')).toBe(false);
    clock.now += 4_999;
    expect(due('redis')).toBe(false);
    expect(due('session')).toBe(0);
    clock.now += 1;
    expect(due('redis')).toBe(2);
    expect(due('redis')).toBe(false);
  });
});
