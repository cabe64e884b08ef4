import { describe, expect, it } from 'vitest';
import { DEFAULT_STEPS, parseSurgeOptions } from './options';

describe('bench:surge options', () => {
  it('ramps through 100 to 8,000 users on 2 workers by default, without the baseline', () => {
    const options = parseSurgeOptions([], {});
    expect(options.steps).toEqual(DEFAULT_STEPS);
    expect(options.steps).toEqual([100, 1_000, 2_000, 4_000, 8_000]);
    expect(options).toMatchObject({ workers: 2, baseline: false, maxSeconds: 600, profile: false });
    expect(options.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('shortens the run with --steps and --step-seconds and adds --baseline', () => {
    const options = parseSurgeOptions(
      ['--steps', '100,1000', '--step-seconds', '20', '--baseline', '--profile'],
      { REDIS_URL: 'redis://10.0.0.1:6379' },
    );
    expect(options).toMatchObject({
      steps: [100, 1000],
      stepSeconds: 20,
      baseline: true,
      profile: true,
    });
    expect(options.rampSeconds).toBe(10);
    expect(options.redisUrl).toBe('redis://10.0.0.1:6379');
  });

  it('names the bad flag', () => {
    expect(() => parseSurgeOptions(['--steps', '100,lots'], {})).toThrow(
      /--steps: expected a number/,
    );
    expect(() => parseSurgeOptions(['--checkout-share', '2'], {})).toThrow(/--checkout-share/);
    // Each step sells the event `surge-<mode>-<users>`: a repeated count would reuse one.
    expect(() => parseSurgeOptions(['--steps', '1000,100'], {})).toThrow(
      /--steps: expected rising/,
    );
    expect(() => parseSurgeOptions(['--steps', '100,100'], {})).toThrow(/--steps: expected rising/);
    expect(() => parseSurgeOptions(['--bogus'], {})).toThrow(/bogus[\s\S]*npm run bench:surge/);
  });
});
