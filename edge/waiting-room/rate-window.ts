/**
 * Sliding one-minute counters (departures, admissions, buyers who left the line): two fixed
 * windows blended by how far the current one has run, the classic sliding-window estimate.
 * Pure; the Redis Lua scripts (store/lua-prelude.ts) mirror it field for field.
 */

/** Counts of the current and the previous minute. */
export interface RateWindow {
  /** Start of the current minute window, epoch ms. */
  start: number;
  current: number;
  previous: number;
}

export const WINDOW_MS = 60_000;

/** A window starting at `now` with nothing counted. */
export function emptyWindow(now: number): RateWindow {
  return { start: now, current: 0, previous: 0 };
}

/** Rolls the window forward to `now` (drops counts older than one full window). */
export function rollWindow(window: RateWindow, now: number): RateWindow {
  const windows = Math.floor((now - window.start) / WINDOW_MS);
  if (windows < 1) return window;
  return {
    start: window.start + windows * WINDOW_MS,
    current: 0,
    previous: windows === 1 ? window.current : 0,
  };
}

/** Adds `count` events at `now`. */
export function countInWindow(window: RateWindow, count: number, now: number): RateWindow {
  if (count === 0) return window;
  const w = rollWindow(window, now);
  return { ...w, current: w.current + count };
}

/** Events per minute, estimated by the sliding-window counter. */
export function windowRate(window: RateWindow, now: number): number {
  const w = rollWindow(window, now);
  const fraction = Math.min(1, Math.max(0, (now - w.start) / WINDOW_MS));
  return w.previous * (1 - fraction) + w.current;
}

/** Rates as reported by the stores: three decimals, so Lua's and JavaScript's floats agree. */
export function roundRate(perMinute: number): number {
  return Math.round(perMinute * 1000) / 1000;
}
