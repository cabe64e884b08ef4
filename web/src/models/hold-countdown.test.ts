import { describe, expect, it } from 'vitest';
import { createCountdown, formatCountdown } from './hold-countdown';

describe('hold countdown', () => {
  it('counts whole seconds down to zero and then reports expiry', () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const countdown = createCountdown('2030-01-01T00:02:05Z', () => now);
    expect(countdown.remainingSeconds.value).toBe(125);
    now += 124_500;
    countdown.tick();
    expect(countdown.remainingSeconds.value).toBe(1);
    expect(countdown.expired.value).toBe(false);
    now += 1000;
    countdown.tick();
    expect(countdown.expired.value).toBe(true);
  });

  it('formats minutes and seconds', () => {
    expect(formatCountdown(245)).toBe('4:05');
    expect(formatCountdown(0)).toBe('0:00');
  });
});
