/**
 * The admission policy of the waiting room: pure arithmetic, no I/O.
 *
 * The serving number is the highest queue position allowed to exchange its ticket for an access
 * token. It advances at `ratePerMinute`, never past the last issued position, never while
 * `maxActive` buyers are already inside, and not at all while paused, in pre-queue (`queueAll`)
 * or before `opensAt`. The Redis Lua scripts (store/lua.ts) implement the same rules; the store
 * contract test holds both to them.
 */

/** Organizer-controlled admission settings for one event. */
export interface AdmissionConfig {
  /** Positions the serving number advances per minute (integer, so the carry stays exact). */
  ratePerMinute: number;
  /** Most buyers admitted and not yet finished at any moment. */
  maxActive: number;
  /** How long an admission (and its access token) lasts, in seconds. */
  sessionSeconds: number;
  paused: boolean;
  /** Pre-queue: everyone waits, nobody is admitted (the seeded shuffle at opening comes later). */
  queueAll: boolean;
  /** Epoch milliseconds before which nobody is admitted, or null. */
  opensAt: number | null;
}

/** The moving parts of one room. */
export interface AdmissionState {
  servingNumber: number;
  /** Fraction of the next position already earned, in 1/{@link CARRY_UNITS} of a position. */
  carry: number;
  lastAdvanceMs: number;
  activeBuyers: number;
  /** The last issued position (positions start at 1). */
  queueLength: number;
}

export type ServingAdvance = Pick<AdmissionState, 'servingNumber' | 'carry' | 'lastAdvanceMs'>;

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
};

/** True when the room admits nobody new at `now`. */
export function isHalted(config: AdmissionConfig, now: number): boolean {
  return config.paused || config.queueAll || (config.opensAt !== null && now < config.opensAt);
}

/**
 * Advances the serving number to `now`.
 * Exact over time: the sum of advances over many small steps equals one big step, because the
 * carry is kept in integer units. When a cap cuts the advance, the unused allowance is dropped,
 * so an idle room cannot save up a burst.
 * @example advanceServing(cfg, { servingNumber: 0, carry: 0, lastAdvanceMs: 0, activeBuyers: 0, queueLength: 10 }, 1000)
 */
export function advanceServing(
  config: AdmissionConfig,
  state: AdmissionState,
  now: number,
): ServingAdvance {
  const { servingNumber, carry, lastAdvanceMs } = state;
  // A clock behind the last advance (another edge region) earns nothing and moves nothing back.
  if (now <= lastAdvanceMs) return { servingNumber, carry, lastAdvanceMs };
  if (isHalted(config, now)) return { servingNumber, carry: 0, lastAdvanceMs: now };
  const start = config.opensAt !== null ? Math.max(lastAdvanceMs, config.opensAt) : lastAdvanceMs;
  const elapsed = Math.min(now - start, MAX_ELAPSED_MS);
  const units = carry + config.ratePerMinute * elapsed;
  let advance = Math.floor(units / CARRY_UNITS);
  let nextCarry = units - advance * CARRY_UNITS;
  const room = Math.max(
    0,
    Math.min(state.queueLength - servingNumber, config.maxActive - state.activeBuyers),
  );
  if (advance > room) {
    advance = room;
    nextCarry = 0;
  }
  return { servingNumber: servingNumber + advance, carry: nextCarry, lastAdvanceMs: now };
}

/** Sliding one-minute counter of departures (released or expired sessions). */
export interface DepartureWindow {
  /** Start of the current minute window, epoch ms. */
  start: number;
  current: number;
  previous: number;
}

export const WINDOW_MS = 60_000;

/** Rolls the window forward to `now` (drops counts older than one full window). */
export function rollWindow(window: DepartureWindow, now: number): DepartureWindow {
  const windows = Math.floor((now - window.start) / WINDOW_MS);
  if (windows < 1) return window;
  return {
    start: window.start + windows * WINDOW_MS,
    current: 0,
    previous: windows === 1 ? window.current : 0,
  };
}

/** Departures per minute, estimated by the sliding-window counter. */
export function departureRate(window: DepartureWindow, now: number): number {
  const w = rollWindow(window, now);
  const fraction = Math.min(1, Math.max(0, (now - w.start) / WINDOW_MS));
  return w.previous * (1 - fraction) + w.current;
}

/** Rates as reported by the stores: three decimals, so Lua's and JavaScript's floats agree. */
export function roundRate(perMinute: number): number {
  return Math.round(perMinute * 1000) / 1000;
}

/** What a waiting buyer is told. */
export interface WaitEstimate {
  peopleAhead: number;
  /** Null while the room is paused or in pre-queue: nobody can honestly say. */
  estimatedWaitSeconds: number | null;
  pollAfterSeconds: number;
}

export interface WaitInput {
  position: number;
  servingNumber: number;
  activeBuyers: number;
  /** Measured departures per minute (see {@link departureRate}). */
  departureRatePerMinute: number;
  config: AdmissionConfig;
  now: number;
}

/**
 * Estimates the wait of one position. When the room is full, throughput is bounded by how fast
 * buyers leave (measured; before any measurement, `maxActive` per session length).
 * The poll interval grows with the wait so distant buyers cost the edge little.
 */
export function estimateWait(input: WaitInput): WaitEstimate {
  const { config, now } = input;
  const peopleAhead = Math.max(0, input.position - input.servingNumber);
  if (peopleAhead === 0) return { peopleAhead, estimatedWaitSeconds: 0, pollAfterSeconds: 1 };
  if (config.paused || config.queueAll) {
    return { peopleAhead, estimatedWaitSeconds: null, pollAfterSeconds: 15 };
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
    pollAfterSeconds: pollAfter(seconds),
  };
}

/** 1–30 s: a fifth of the expected wait, so the first poll after admission is rarely late. */
export function pollAfter(waitSeconds: number | null): number {
  if (waitSeconds === null) return 15;
  return Math.min(30, Math.max(1, Math.ceil(waitSeconds / 5)));
}
