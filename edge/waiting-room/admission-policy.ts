/**
 * The admission policy of the waiting room: pure arithmetic, no I/O.
 *
 * The serving number is the highest queue position allowed to exchange its ticket for an access
 * token. It advances at `ratePerMinute` **live** positions per minute: positions of buyers who
 * left the line (see `abandonAfterSeconds`) are passed without using up the rate budget, so the
 * number of buyers admitted per minute tracks the target, not the number of positions passed.
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
   * Negative while a returning buyer's admission is being paid back (see {@link debitCarry}).
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
 * What one advance does: pass `pass` more live positions (the store resolves which position
 * number that is), or everything up to the last issued position when `toEnd`.
 */
export interface AdvancePlan {
  pass: number;
  toEnd: boolean;
  carry: number;
  lastAdvanceMs: number;
}

/**
 * Plans the serving number's advance to `now`, given `liveAhead` (waiting buyers still in line
 * beyond the serving number).
 * Exact over time: the carry is kept in integer units, so many small steps equal one big one.
 * When a cap cuts the advance, the unused allowance is dropped, so an idle room cannot save up
 * a burst. When every live buyer fits, the serving number jumps to the end of the line, past
 * the positions of people who left.
 * @example planAdvance(cfg, { servingNumber: 0, carry: 0, lastAdvanceMs: 0, activeBuyers: 0, queueLength: 9 }, 9, 1000)
 */
export function planAdvance(
  config: AdmissionConfig,
  state: AdmissionState,
  liveAhead: number,
  now: number,
): AdvancePlan {
  const { carry, lastAdvanceMs } = state;
  // A clock behind the last advance (another edge region) earns nothing and moves nothing back.
  if (now <= lastAdvanceMs) return { pass: 0, toEnd: false, carry, lastAdvanceMs };
  if (isHalted(config, now)) return { pass: 0, toEnd: false, carry: 0, lastAdvanceMs: now };
  const start = config.opensAt !== null ? Math.max(lastAdvanceMs, config.opensAt) : lastAdvanceMs;
  const units = carry + config.ratePerMinute * Math.min(now - start, MAX_ELAPSED_MS);
  if (units < 0) return { pass: 0, toEnd: false, carry: units, lastAdvanceMs: now };
  const pass = Math.floor(units / CARRY_UNITS);
  const slots = Math.max(0, config.maxActive - state.activeBuyers);
  const free = Math.min(liveAhead, slots);
  if (pass > free) return { pass: free, toEnd: liveAhead <= slots, carry: 0, lastAdvanceMs: now };
  return { pass, toEnd: false, carry: units - pass * CARRY_UNITS, lastAdvanceMs: now };
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

/**
 * A buyer who had left came back to a position the serving number already passed: their
 * admission is paid from the budget ahead, at most one minute of rate into debt.
 */
export function debitCarry(carry: number, ratePerMinute: number): number {
  return Math.max(carry - CARRY_UNITS, -ratePerMinute * CARRY_UNITS);
}

/** What a waiting buyer is told. */
export interface WaitEstimate {
  peopleAhead: number;
  /** Null while the room is paused or in queue-all: nobody can honestly say. */
  estimatedWaitSeconds: number | null;
  pollAfterSeconds: number;
}

export interface WaitInput {
  position: number;
  servingNumber: number;
  /** Live buyers ahead when the store counted them; else every position ahead counts. */
  peopleAhead?: number;
  activeBuyers: number;
  /** Measured session departures per minute (sliding window). */
  departureRatePerMinute: number;
  config: AdmissionConfig;
  now: number;
}

/**
 * Estimates the wait of one position from the live buyers ahead (people who left do not slow
 * anyone) and the throughput: the rate, or when the room is full, the measured rate at which
 * sessions end (before any measurement, `maxActive` per session length).
 * The poll interval grows with the wait so distant buyers cost the edge little, but stays
 * within half of `abandonAfterSeconds` so a polling buyer is never taken for gone.
 */
export function estimateWait(input: WaitInput): WaitEstimate {
  const { config, now } = input;
  const inLine = input.position > input.servingNumber || input.position === 0;
  const peopleAhead = inLine
    ? (input.peopleAhead ?? Math.max(0, input.position - input.servingNumber))
    : 0;
  const keepAlive = Math.max(1, Math.floor(config.abandonAfterSeconds / 2));
  if (!inLine) return { peopleAhead, estimatedWaitSeconds: 0, pollAfterSeconds: 1 };
  if (config.paused || config.queueAll) {
    return { peopleAhead, estimatedWaitSeconds: null, pollAfterSeconds: Math.min(15, keepAlive) };
  }
  const capacityRate =
    input.departureRatePerMinute > 0
      ? input.departureRatePerMinute
      : (config.maxActive * 60) / config.sessionSeconds;
  const saturated = input.activeBuyers >= config.maxActive;
  const perMinute = saturated ? Math.min(config.ratePerMinute, capacityRate) : config.ratePerMinute;
  const untilOpen =
    config.opensAt !== null && now < config.opensAt ? (config.opensAt - now) / 1000 : 0;
  const seconds = perMinute > 0 ? Math.ceil(untilOpen + (peopleAhead * 60) / perMinute) : null;
  return {
    peopleAhead,
    estimatedWaitSeconds: seconds,
    pollAfterSeconds: Math.min(pollAfter(seconds), keepAlive),
  };
}

/** 1–30 s: a fifth of the expected wait, so the first poll after admission is rarely late. */
export function pollAfter(waitSeconds: number | null): number {
  if (waitSeconds === null) return 15;
  return Math.min(30, Math.max(1, Math.ceil(waitSeconds / 5)));
}
