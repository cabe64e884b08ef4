/**
 * The admission policy of the waiting room: pure arithmetic, no I/O.
 *
 * The serving number is the highest queue position allowed to exchange its ticket for an access
 * token. It advances at `ratePerMinute` **live** positions per minute: positions of buyers who
 * left the line (see `abandonAfterSeconds`) are passed without using up the rate budget, so the
 * number of buyers admitted per minute tracks the target, not the number of positions passed.
 * A buyer who left and comes back after the serving number passed their place keeps that place
 * but is invited again only from the same rate budget (ahead of the line), so people coming
 * back never push admissions past the rate.
 * It never passes the last issued position, never invites more than the free slots under
 * `maxActive`, and does not move while paused, in `queueAll` or before `opensAt`. The Redis Lua
 * scripts (store/lua*.ts) implement the same rules; the store contract test holds both to them.
 */

export { type RateWindow, roundRate, WINDOW_MS } from './rate-window';

/** Organizer-controlled admission settings for one event. */
export interface AdmissionConfig {
  /**
   * Live positions the serving number advances per minute (integer, so the carry stays exact).
   * In `adaptive` mode this is the current rate, set by {@link import('./adaptive-rate')}.
   */
  ratePerMinute: number;
  /** Most buyers admitted and not yet finished at any moment. */
  maxActive: number;
  /** How long an admission (and its access token) lasts, in seconds. */
  sessionSeconds: number;
  paused: boolean;
  /** Emergency brake: everyone waits, nobody is admitted. */
  queueAll: boolean;
  /** Epoch milliseconds of the on-sale time, or null. Joins before it form the pre-queue. */
  opensAt: number | null;
  /** `fixed`: the organizer's rate. `adaptive`: AIMD on the origin's reported health. */
  mode: 'fixed' | 'adaptive';
  /** Adaptive mode: the origin p95 latency to stay under. */
  targetP95Ms: number;
  /** Adaptive mode: bounds of the rate. */
  minRatePerMinute: number;
  maxRatePerMinute: number;
  /** A waiting ticket that has not polled (state/admit/join) for this long has left the line. */
  abandonAfterSeconds: number;
}

/** The moving parts of the serving number. */
export interface AdmissionState {
  servingNumber: number;
  /**
   * Fraction of the next live position already earned, in 1/{@link CARRY_UNITS} of a position.
   * Never negative in rooms this code runs (older rooms may hold a negative carry: a debt that
   * is paid back before anyone new is invited).
   */
  carry: number;
  lastAdvanceMs: number;
  activeBuyers: number;
  /** The last issued position (positions start at 1). */
  queueLength: number;
}

/** One position = 60 000 carry units, so `rate × elapsedMs` is an exact integer of units. */
export const CARRY_UNITS = 60_000;

/** Longer gaps than this earn nothing more: bounds the arithmetic; the queue cap binds anyway. */
export const MAX_ELAPSED_MS = 86_400_000;

/** Demo default: wide open (contract: docs/contracts.md, "Admission config"). */
export const DEFAULT_ADMISSION_CONFIG: AdmissionConfig = {
  ratePerMinute: 100_000,
  maxActive: 100_000,
  sessionSeconds: 900,
  paused: false,
  queueAll: false,
  opensAt: null,
  mode: 'fixed',
  targetP95Ms: 800,
  minRatePerMinute: 1,
  maxRatePerMinute: 100_000,
  abandonAfterSeconds: 60,
};

/** True when the room admits nobody new at `now`. */
export function isHalted(config: AdmissionConfig, now: number): boolean {
  return config.paused || config.queueAll || (config.opensAt !== null && now < config.opensAt);
}

/**
 * What one advance does: invite `repay` returning buyers (lowest positions first), then pass
 * `pass` more live positions (the store resolves which position number that is), or everything
 * up to the last issued position when `toEnd`.
 */
export interface AdvancePlan {
  repay: number;
  pass: number;
  toEnd: boolean;
  carry: number;
  lastAdvanceMs: number;
}

/**
 * Plans the serving number's advance to `now`, given `liveAhead` (waiting buyers still in line
 * beyond the serving number) and `returning` (buyers who left, came back after the serving
 * number passed their place, and are not invited again yet).
 * Exact over time: the carry is kept in integer units, so many small steps equal one big one.
 * Returning buyers are paid from the same budget, before the line ahead (they joined earlier),
 * so coming back never admits anyone beyond the rate. When a cap cuts the advance, the unused
 * allowance is dropped, so an idle room cannot save up a burst. When every live buyer fits,
 * the serving number jumps to the end of the line, past the positions of people who left.
 * @example planAdvance(cfg, { servingNumber: 0, carry: 0, lastAdvanceMs: 0, activeBuyers: 0, queueLength: 9 }, 9, 1000)
 */
export function planAdvance(
  config: AdmissionConfig,
  state: AdmissionState,
  liveAhead: number,
  now: number,
  returning = 0,
): AdvancePlan {
  const { carry, lastAdvanceMs } = state;
  const idle = { repay: 0, pass: 0, toEnd: false };
  // A clock behind the last advance (another edge region) earns nothing and moves nothing back.
  if (now <= lastAdvanceMs) return { ...idle, carry, lastAdvanceMs };
  if (isHalted(config, now)) return { ...idle, carry: 0, lastAdvanceMs: now };
  const start = config.opensAt !== null ? Math.max(lastAdvanceMs, config.opensAt) : lastAdvanceMs;
  const units = carry + config.ratePerMinute * Math.min(now - start, MAX_ELAPSED_MS);
  if (units < 0) return { ...idle, carry: units, lastAdvanceMs: now };
  const budget = Math.floor(units / CARRY_UNITS);
  const slots = Math.max(0, config.maxActive - state.activeBuyers);
  const repay = Math.min(budget, returning, slots);
  const rest = budget - repay;
  const free = Math.min(liveAhead, slots - repay);
  if (rest > free) {
    return { repay, pass: free, toEnd: liveAhead <= slots - repay, carry: 0, lastAdvanceMs: now };
  }
  return {
    repay,
    pass: rest,
    toEnd: false,
    carry: units - budget * CARRY_UNITS,
    lastAdvanceMs: now,
  };
}

/**
 * {@link planAdvance} for a line where everybody is still there (every position ahead is live).
 * @example advanceServing(cfg, state, now).servingNumber
 */
export function advanceServing(config: AdmissionConfig, state: AdmissionState, now: number) {
  const plan = planAdvance(config, state, state.queueLength - state.servingNumber, now);
  const servingNumber = plan.toEnd ? state.queueLength : state.servingNumber + plan.pass;
  return { servingNumber, carry: plan.carry, lastAdvanceMs: plan.lastAdvanceMs };
}

/** An invited buyer left without being admitted: their unit of rate budget is given back. */
export function creditCarry(carry: number): number {
  return carry + CARRY_UNITS;
}
