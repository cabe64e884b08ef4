import { describe, expect, it } from 'vitest';
import { ADJUST_INTERVAL_MS, adjustRate, clampRate, increaseStep, isBreach } from './adaptive-rate';
import { type AdmissionConfig, DEFAULT_ADMISSION_CONFIG } from './admission-policy';

const T0 = Date.UTC(2030, 0, 1);
const config = (over: Partial<AdmissionConfig> = {}): AdmissionConfig => ({
  ...DEFAULT_ADMISSION_CONFIG,
  mode: 'adaptive',
  targetP95Ms: 400,
  minRatePerMinute: 100,
  maxRatePerMinute: 2_100,
  ratePerMinute: 1_000,
  ...over,
});
const healthy = { p95Ms: 200, errorRate: 0, at: T0 };

describe('adjustRate (AIMD)', () => {
  it('adds a twentieth of the band while healthy', () => {
    expect(increaseStep(config())).toBe(100);
    expect(adjustRate(config(), 0, healthy)).toEqual({
      ratePerMinute: 1_100,
      adjustedAt: T0,
      changed: true,
    });
  });

  it('cuts to 70 % on a latency breach or more than 1 % errors', () => {
    expect(isBreach(config(), { ...healthy, p95Ms: 401 })).toBe(true);
    expect(isBreach(config(), { ...healthy, errorRate: 0.02 })).toBe(true);
    expect(isBreach(config(), { ...healthy, errorRate: 0.01 })).toBe(false);
    expect(adjustRate(config(), 0, { ...healthy, p95Ms: 900 }).ratePerMinute).toBe(700);
  });

  it('stays within the bounds', () => {
    expect(adjustRate(config({ ratePerMinute: 2_050 }), 0, healthy).ratePerMinute).toBe(2_100);
    const low = adjustRate(config({ ratePerMinute: 120 }), 0, { ...healthy, p95Ms: 900 });
    expect(low.ratePerMinute).toBe(100);
    expect(clampRate(config(), 5)).toBe(100);
    expect(clampRate(config({ mode: 'fixed' }), 5)).toBe(5);
  });

  it('ignores reports within the interval of the last adjustment, and fixed mode', () => {
    const recent = adjustRate(config(), T0 - ADJUST_INTERVAL_MS + 1, healthy);
    expect(recent).toMatchObject({ ratePerMinute: 1_000, changed: false });
    expect(adjustRate(config({ mode: 'fixed' }), 0, healthy).changed).toBe(false);
  });
});
