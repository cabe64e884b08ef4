/**
 * Latency and outcome bookkeeping of one benchmark step: every request's time per endpoint, what
 * came back (ok, an expected "no" such as a taken seat, or an error), and per-second counters for
 * the timeline chart. Pure: no I/O, so the numbers can be checked directly.
 */

/** What one request's answer means for the report. */
export type Outcome = 'ok' | 'rejected' | 'error';

/** Counters per second since the step started, for the "admitted and sold over time" chart. */
export interface TimelinePoint {
  second: number;
  requests: number;
  errors: number;
  admitted: number;
  holds: number;
  sales: number;
  seatsSold: number;
}

export interface LatencySummary {
  count: number;
  avg: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface EndpointSummary extends LatencySummary {
  rejected: number;
  errors: number;
  /** Status (or `timeout`/`network`) → count, for every answer that was not ok. */
  statuses: Record<string, number>;
}

/** What the generator reports for one step. */
export interface StepMeasurement {
  seconds: number;
  overall: EndpointSummary;
  endpoints: Record<string, EndpointSummary>;
  timeline: TimelinePoint[];
  totals: { admitted: number; holds: number; sales: number; seatsSold: number; journeys: number };
  /** Requests still unanswered when the step's grace ran out (counted as errors). */
  unfinished: number;
}

/** Sorted-array percentiles (nearest rank). */
export function summarize(latencies: Float64Array | number[]): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, avg: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  let sum = 0;
  for (const v of sorted) sum += v;
  const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] as number;
  return { count: n, avg: sum / n, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

class Series {
  values = new Float64Array(1024);
  length = 0;
  rejected = 0;
  errors = 0;
  statuses: Record<string, number> = {};

  push(ms: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = ms;
  }

  summary(): EndpointSummary {
    return {
      ...summarize(this.values.subarray(0, this.length)),
      rejected: this.rejected,
      errors: this.errors,
      statuses: { ...this.statuses },
    };
  }
}

/** Collects one step; `measure()` turns it into a {@link StepMeasurement}. */
export class StepRecorder {
  private readonly series = new Map<string, Series>();
  private readonly all = new Series();
  private readonly timeline: TimelinePoint[] = [];
  readonly totals = { admitted: 0, holds: 0, sales: 0, seatsSold: 0, journeys: 0 };
  /** Requests sent in this step; those not yet recorded are still in flight. */
  sent = 0;

  constructor(private readonly startedAt: number) {}

  /** One answered (or failed) request; `status` is the HTTP status, `timeout` or `network`. */
  request(endpoint: string, ms: number, outcome: Outcome, status: number | string, at: number) {
    let s = this.series.get(endpoint);
    if (!s) {
      s = new Series();
      this.series.set(endpoint, s);
    }
    for (const target of [s, this.all]) {
      target.push(ms);
      if (outcome === 'ok') continue;
      if (outcome === 'rejected') target.rejected++;
      else target.errors++;
      target.statuses[String(status)] = (target.statuses[String(status)] ?? 0) + 1;
    }
    const point = this.point(at);
    point.requests++;
    if (outcome === 'error') point.errors++;
  }

  /** A business event (admitted, hold placed, order confirmed with `seats` seats). */
  count(kind: 'admitted' | 'holds' | 'sales' | 'journeys', at: number, seats = 0): void {
    this.totals[kind]++;
    if (kind === 'journeys') return;
    const point = this.point(at);
    point[kind]++;
    if (kind === 'sales') {
      point.seatsSold += seats;
      this.totals.seatsSold += seats;
    }
  }

  /** Requests sent and not yet recorded. */
  get inFlight(): number {
    return this.sent - this.all.length;
  }

  measure(seconds: number, unfinished: number): StepMeasurement {
    const endpoints: Record<string, EndpointSummary> = {};
    for (const [name, s] of [...this.series].sort(([a], [b]) => a.localeCompare(b))) {
      endpoints[name] = s.summary();
    }
    const overall = this.all.summary();
    overall.errors += unfinished;
    if (unfinished > 0) overall.statuses.unfinished = unfinished;
    const timeline = this.timeline.filter(Boolean);
    return { seconds, overall, endpoints, timeline, totals: { ...this.totals }, unfinished };
  }

  private point(at: number): TimelinePoint {
    const second = Math.max(0, Math.floor((at - this.startedAt) / 1000));
    let point = this.timeline[second];
    if (!point) {
      for (let i = 0; i <= second; i++) {
        this.timeline[i] ??= {
          second: i,
          requests: 0,
          errors: 0,
          admitted: 0,
          holds: 0,
          sales: 0,
          seatsSold: 0,
        };
      }
      point = this.timeline[second] as TimelinePoint;
    }
    return point;
  }
}
