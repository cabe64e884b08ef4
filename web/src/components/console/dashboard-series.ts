/**
 * The live dashboard's numbers, from periodic snapshots of counters the organizer can already
 * read (`/stats`, the room `state`, the edge's cache counters). Levels (queue length, active
 * buyers) are charted as read; running totals (holds, sales, serving number, cache hits) become
 * per-minute rates over a trailing window, so a 3-second poll does not draw spiky noise.
 * Pure, so it is tested without a browser or a clock.
 */

import type { DashboardMinute } from '../../api/types';

/** One poll's readings; a field is undefined when its source did not answer. */
export interface DashboardSample {
  at: number;
  queueLength?: number;
  /** Highest admitted position: its growth is the admission rate. */
  servingNumber?: number;
  activeBuyers?: number;
  /** Admissions per minute as the edge measured them, when it reports them. */
  admittedPerMinute?: number;
  holds?: number;
  sold?: number;
  capacity?: number;
  /** Cumulative cache hits (incl. refresh hits) and misses at the edge. */
  edgeHits?: number;
  edgeMisses?: number;
  /** From the origin's dashboard endpoint, when it has one. */
  originP95Ms?: number;
  /** Share of origin answers that were 5xx, 0–1. */
  originErrorRate?: number;
}

export type Series = (number | undefined)[];

/** Trailing window for per-minute rates. */
export const RATE_WINDOW_MS = 60_000;

type Pick = (s: DashboardSample) => number | undefined;

/** The sample `windowMs` before sample `i` (or the oldest one that has a value). */
function windowStart(samples: DashboardSample[], i: number, pick: Pick, windowMs: number) {
  const at = samples[i]?.at ?? 0;
  for (let j = 0; j < i; j++) {
    const s = samples[j] as DashboardSample;
    if (at - s.at <= windowMs && pick(s) !== undefined) return s;
  }
  return undefined;
}

/**
 * Per-minute growth of a running total at each sample, over the trailing window. Undefined for
 * the first sample; a total that went down (a restart) counts as 0, never negative.
 *
 * @example perMinute([{ at: 0, sold: 0 }, { at: 30_000, sold: 5 }], (s) => s.sold) // [undefined, 10]
 */
export function perMinute(
  samples: DashboardSample[],
  pick: Pick,
  windowMs = RATE_WINDOW_MS,
): Series {
  return samples.map((sample, i) => {
    const now = pick(sample);
    const start = windowStart(samples, i, pick, windowMs);
    const before = start && pick(start);
    if (now === undefined || !start || before === undefined || sample.at <= start.at)
      return undefined;
    return (Math.max(0, now - before) / (sample.at - start.at)) * 60_000;
  });
}

/** Cache hit ratio of the requests in the trailing window (not since the edge started). */
export function windowHitRatio(samples: DashboardSample[], windowMs = RATE_WINDOW_MS): Series {
  return samples.map((sample, i) => {
    const start = windowStart(samples, i, (s) => s.edgeHits, windowMs);
    if (!start || sample.edgeHits === undefined || sample.edgeMisses === undefined)
      return undefined;
    const hits = sample.edgeHits - (start.edgeHits ?? 0);
    const misses = sample.edgeMisses - (start.edgeMisses ?? 0);
    return hits + misses > 0 ? hits / (hits + misses) : undefined;
  });
}

/** The source's own reading where it gave one, else the derived value. */
function reported(samples: DashboardSample[], pick: Pick, derived: Series): Series {
  return samples.map((s, i) => pick(s) ?? derived[i]);
}

/** Every chart's series, aligned with `samples`. */
export function dashboardSeries(samples: DashboardSample[]) {
  return {
    queueLength: samples.map((s) => s.queueLength),
    admittedPerMinute: reported(
      samples,
      (s) => s.admittedPerMinute,
      perMinute(samples, (s) => s.servingNumber),
    ),
    activeBuyers: samples.map((s) => s.activeBuyers),
    holdsPerMinute: perMinute(samples, (s) => s.holds),
    salesPerMinute: perMinute(samples, (s) => s.sold),
    soldShare: samples.map((s) => (s.capacity ? (s.sold ?? 0) / s.capacity : undefined)),
    originP95Ms: samples.map((s) => s.originP95Ms),
    originErrorRate: samples.map((s) => s.originErrorRate),
    edgeHitRatio: windowHitRatio(samples),
  };
}

/** The last defined value of a series. */
export function latest(series: Series): number | undefined {
  for (let i = series.length - 1; i >= 0; i--) if (series[i] !== undefined) return series[i];
  return undefined;
}

/**
 * The origin's latest p95 latency and 5xx rate from its dashboard minutes: the newest of the
 * last two minutes that served buying requests (the current minute may have only just begun).
 * Both undefined when neither did: no requests means nothing to measure, not 0 ms.
 *
 * @example originHealth([{ …, requests: 40, p95Ms: 85, errorRate: 0.05 }, { …, requests: 0 }])
 * // { originP95Ms: 85, originErrorRate: 0.05 }
 */
export function originHealth(minutes: readonly DashboardMinute[] | undefined): {
  originP95Ms: number | undefined;
  originErrorRate: number | undefined;
} {
  const recent = (minutes ?? []).slice(-2).reverse();
  const minute = recent.find((m) => m.requests > 0);
  return minute
    ? { originP95Ms: minute.p95Ms, originErrorRate: minute.errorRate }
    : { originP95Ms: undefined, originErrorRate: undefined };
}

/** Keeps the newest samples within `keepMs` of the last one. */
export function trim(samples: DashboardSample[], keepMs: number): DashboardSample[] {
  const last = samples[samples.length - 1];
  return last ? samples.filter((s) => last.at - s.at <= keepMs) : samples;
}
