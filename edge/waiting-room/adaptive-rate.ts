import type { AdmissionConfig } from './admission-policy';

/**
 * Adaptive admission: the rate follows the origin's health, AIMD style (the congestion control
 * of TCP): additive increase while the origin is healthy, multiplicative decrease when its p95
 * latency breaches the organizer's target or it answers 5xx. Bounded by the organizer's
 * `minRatePerMinute` / `maxRatePerMinute`. Pure; the Lua `HEALTH_SCRIPT` mirrors it and applies
 * it atomically, so reports from many origin tasks never race.
 */

/** One health figure from the origin, e.g. over its last few seconds of buying requests. */
export interface HealthReport {
  /** p95 latency of the origin's buying requests, ms. */
  p95Ms: number;
  /** Share of those requests that answered 5xx, 0–1. */
  errorRate: number;
  /** When the figure was measured, epoch ms. */
  at: number;
}

/** At most one adjustment per interval, however many origin tasks report. */
export const ADJUST_INTERVAL_MS = 5_000;
/** More 5xx than this share is a breach. */
export const ERROR_RATE_LIMIT = 0.01;
/** Decrease: rate × 7/10 (integer arithmetic, so Lua agrees exactly). */
export const DECREASE_NUMERATOR = 7;
export const DECREASE_DENOMINATOR = 10;
/** Increase: a twentieth of the organizer's band per healthy interval (at least 1). */
export const INCREASE_STEPS = 20;

export function isBreach(config: AdmissionConfig, health: HealthReport): boolean {
  return health.p95Ms > config.targetP95Ms || health.errorRate > ERROR_RATE_LIMIT;
}

/** The additive step: the band in {@link INCREASE_STEPS} healthy intervals. */
export function increaseStep(config: AdmissionConfig): number {
  return Math.max(
    1,
    Math.ceil((config.maxRatePerMinute - config.minRatePerMinute) / INCREASE_STEPS),
  );
}

/** The rate held within the organizer's band (adaptive mode only). */
export function clampRate(config: AdmissionConfig, rate: number): number {
  if (config.mode !== 'adaptive') return rate;
  return Math.min(config.maxRatePerMinute, Math.max(config.minRatePerMinute, rate));
}

export interface RateAdjustment {
  ratePerMinute: number;
  /** Epoch ms of the last applied adjustment. */
  adjustedAt: number;
  changed: boolean;
}

/**
 * The next rate after a health report. Fixed mode and reports within
 * {@link ADJUST_INTERVAL_MS} of the last adjustment change nothing.
 * @example adjustRate(cfg, 0, { p95Ms: 2500, errorRate: 0, at: now }) // rate × 0.7
 */
export function adjustRate(
  config: AdmissionConfig,
  lastAdjustedAt: number,
  health: HealthReport,
): RateAdjustment {
  const unchanged = { ratePerMinute: config.ratePerMinute, adjustedAt: lastAdjustedAt };
  if (config.mode !== 'adaptive' || health.at < lastAdjustedAt + ADJUST_INTERVAL_MS) {
    return { ...unchanged, changed: false };
  }
  const rate = config.ratePerMinute;
  const next = isBreach(config, health)
    ? Math.floor((rate * DECREASE_NUMERATOR) / DECREASE_DENOMINATOR)
    : rate + increaseStep(config);
  const ratePerMinute = clampRate(config, next);
  return { ratePerMinute, adjustedAt: health.at, changed: ratePerMinute !== rate };
}
