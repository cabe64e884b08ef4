import type { OriginHealth, ServiceCounters } from './deps';

/** One minute of one event, as the organizer dashboard shows it. */
export interface MinutePoint {
  /** Start of the minute, ISO. */
  at: string;
  holdsCreated: number;
  ordersConfirmed: number;
  ordersFailed: number;
  seatsSold: number;
  /** Buying requests (holds, checkout) answered in this minute. */
  requests: number;
  /** p95 latency of those requests, ms (0 without requests). */
  p95Ms: number;
  /** Share of those requests that answered 5xx, 0–1. */
  errorRate: number;
}

/**
 * What this process saw of each event's sale, in memory: per-minute series for the dashboard
 * and the last few seconds' latency and 5xx rate for adaptive admission. Each origin process keeps
 * (and reports) its own; the organizer console sums the series of every process it asks.
 */
export interface ActivityRecorder {
  /** Service counters that feed the series (tee them with the Prometheus ones). */
  counters: ServiceCounters;
  recordRequest(eventId: string, durationMs: number, status: number, at: number): void;
  /**
   * The health of an event's buying routes over the last {@link HEALTH_WINDOW_SECONDS}, or null
   * without requests in that window.
   */
  health(eventId: string, now: number): OriginHealth | null;
  /** Events with buying requests in the last minute. */
  activeEvents(now: number): string[];
  /** The last `minutes` minutes, oldest first, the current (partial) minute last. */
  series(eventId: string, now: number, minutes?: number): MinutePoint[];
}

export const SERIES_MINUTES = 30;
/**
 * Seconds of requests behind each health figure: the health feed's 5 s interval plus the current,
 * partial second, so a report covers every request since the previous one. Not a minute: adaptive
 * admission adjusts every 5 s, and a figure that still held a recovered origin's slow minute kept
 * cutting the rate for up to a minute after the origin was fast again (down to the floor).
 */
export const HEALTH_WINDOW_SECONDS = 6;
const MINUTE = 60_000;
const SECOND = 1_000;
/** Latency samples kept per bucket (reservoir sampling keeps them unbiased). */
const SAMPLES = 128;
/** Events tracked at once; the least recently active goes first. */
const MAX_EVENTS = 256;

interface Bucket {
  slot: number;
  requests: number;
  errors: number;
  seen: number;
  samples: number[];
  holdsCreated: number;
  ordersConfirmed: number;
  ordersFailed: number;
  seatsSold: number;
}

const emptyBucket = (slot: number): Bucket => ({
  slot,
  requests: 0,
  errors: 0,
  seen: 0,
  samples: [],
  holdsCreated: 0,
  ordersConfirmed: 0,
  ordersFailed: 0,
  seatsSold: 0,
});

/** A fixed ring of time buckets (`size` of `widthMs` each). */
class Ring {
  private readonly buckets: Bucket[] = [];
  constructor(
    private readonly size: number,
    private readonly widthMs: number,
  ) {}

  at(time: number): Bucket {
    const slot = Math.floor(time / this.widthMs);
    const index = slot % this.size;
    const current = this.buckets[index];
    if (current?.slot === slot) return current;
    const fresh = emptyBucket(slot);
    this.buckets[index] = fresh;
    return fresh;
  }

  /** The buckets of the last `count` slots up to `now`, oldest first (empty where idle). */
  last(now: number, count: number): Bucket[] {
    const end = Math.floor(now / this.widthMs);
    const out: Bucket[] = [];
    for (let slot = end - count + 1; slot <= end; slot++) {
      const b = this.buckets[((slot % this.size) + this.size) % this.size];
      out.push(b?.slot === slot ? b : emptyBucket(slot));
    }
    return out;
  }
}

function sample(bucket: Bucket, value: number): void {
  bucket.seen++;
  if (bucket.samples.length < SAMPLES) bucket.samples.push(value);
  else {
    const j = Math.floor(Math.random() * bucket.seen);
    if (j < SAMPLES) bucket.samples[j] = value;
  }
}

/** The 95th percentile of the samples (nearest rank), 0 when empty. */
export function p95(samples: readonly number[]): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] as number;
}

/**
 * Builds the in-memory recorder.
 * @example const activity = createActivityRecorder(Date.now); activity.series('demo-arena', Date.now());
 */
export function createActivityRecorder(clock: () => number): ActivityRecorder {
  const events = new Map<string, { minutes: Ring; seconds: Ring; lastAt: number }>();

  function of(eventId: string, at: number) {
    let entry = events.get(eventId);
    if (entry) events.delete(eventId);
    else {
      if (events.size >= MAX_EVENTS) events.delete(events.keys().next().value as string);
      entry = {
        minutes: new Ring(SERIES_MINUTES + 1, MINUTE),
        seconds: new Ring(61, SECOND),
        lastAt: at,
      };
    }
    entry.lastAt = at;
    events.set(eventId, entry); // re-inserted: the Map's order is recency
    return entry;
  }

  const minute = (eventId: string) => of(eventId, clock()).minutes.at(clock());

  return {
    counters: {
      holdCreated: (eventId) => {
        minute(eventId).holdsCreated++;
      },
      holdRejected: () => undefined,
      seatsSold: (eventId, n) => {
        const b = minute(eventId);
        b.ordersConfirmed++;
        b.seatsSold += n;
      },
      orderFailed: (_reason, eventId) => {
        if (eventId) minute(eventId).ordersFailed++;
      },
    },

    recordRequest(eventId, durationMs, status, at) {
      const entry = of(eventId, at);
      for (const b of [entry.minutes.at(at), entry.seconds.at(at)]) {
        b.requests++;
        if (status >= 500) b.errors++;
        sample(b, durationMs);
      }
    },

    health(eventId, now) {
      const entry = events.get(eventId);
      if (!entry) return null;
      const window = entry.seconds.last(now, HEALTH_WINDOW_SECONDS);
      const requests = window.reduce((n, b) => n + b.requests, 0);
      if (requests === 0) return null;
      const errors = window.reduce((n, b) => n + b.errors, 0);
      return {
        p95Ms: p95(window.flatMap((b) => b.samples)),
        errorRate: errors / requests,
        at: now,
      };
    },

    activeEvents(now) {
      return [...events.entries()].filter(([, e]) => now - e.lastAt < MINUTE).map(([id]) => id);
    },

    series(eventId, now, minutes = SERIES_MINUTES) {
      const count = Math.min(minutes, SERIES_MINUTES);
      const ring = events.get(eventId)?.minutes;
      const buckets = ring?.last(now, count) ?? new Ring(1, MINUTE).last(now, count);
      return buckets.map((b) => ({
        at: new Date(b.slot * MINUTE).toISOString(),
        holdsCreated: b.holdsCreated,
        ordersConfirmed: b.ordersConfirmed,
        ordersFailed: b.ordersFailed,
        seatsSold: b.seatsSold,
        requests: b.requests,
        p95Ms: Math.round(p95(b.samples) * 10) / 10,
        errorRate: b.requests === 0 ? 0 : b.errors / b.requests,
      }));
    },
  };
}

/** Calls every counter set in turn (Prometheus and the activity recorder). */
export function teeCounters(...all: ServiceCounters[]): ServiceCounters {
  return {
    holdCreated: (e, n) => {
      for (const c of all) c.holdCreated(e, n);
    },
    holdRejected: (r) => {
      for (const c of all) c.holdRejected(r);
    },
    seatsSold: (e, n) => {
      for (const c of all) c.seatsSold(e, n);
    },
    orderFailed: (r, e) => {
      for (const c of all) c.orderFailed(r, e);
    },
  };
}
