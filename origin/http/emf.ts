import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import {
  EMF_FLUSH_INTERVAL_MS,
  EVENT_DIMENSION,
  METRIC,
  SERVICE_DIMENSION,
  SERVICE_NAME,
} from '../../common/metric-names';
import type { ServiceCounters } from '../services/deps';
import type { AppEnv } from './env';

/** One metric of {@link METRIC} (the single source of names and units, shared with the dashboard). */
export type MetricSpec = (typeof METRIC)[keyof typeof METRIC];

/** What one EMF line reports: dimension sets, metric values, and plain (searchable) properties. */
export interface EmfRecord {
  /** Dimension sets; every name used must be a key of `properties` (Service is always added). */
  dimensions: string[][];
  metrics: { spec: MetricSpec; value: number | number[] }[];
  properties?: Record<string, string | number>;
}

/** CloudWatch takes at most 100 values for one metric in one line. */
export const MAX_VALUES_PER_LINE = 100;

const BY_SERVICE = [[SERVICE_DIMENSION]];
const BY_SERVICE_AND_EVENT = [[SERVICE_DIMENSION], [SERVICE_DIMENSION, EVENT_DIMENSION]];
const BY_EVENT = [[SERVICE_DIMENSION, EVENT_DIMENSION]];

/**
 * Renders one CloudWatch embedded metric format line (JSON, no newline): the `_aws` metadata
 * naming the namespace, dimension sets and metrics, then the values at the top level, where
 * CloudWatch Logs reads them (and Logs Insights can query them like any log field).
 * @example emfLine('Floodgate', Date.now(), { dimensions: [['Service']], metrics: [{ spec: METRIC.holdsCreated, value: 1 }] })
 */
export function emfLine(namespace: string, timestamp: number, record: EmfRecord): string {
  const line: Record<string, unknown> = {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: record.dimensions,
          Metrics: record.metrics.map(({ spec }) => ({ Name: spec.name, Unit: spec.unit })),
        },
      ],
    },
    [SERVICE_DIMENSION]: SERVICE_NAME,
    ...record.properties,
  };
  for (const { spec, value } of record.metrics) line[spec.name] = value;
  return JSON.stringify(line);
}

/** The origin's EMF writer: service counters, request metrics, waiting-room gauges. */
export interface EmfMetrics {
  /** Tee these with the Prometheus counters: one line per occurrence. */
  counters: ServiceCounters;
  /** Collects each request's latency and 5xx; written in batches by {@link EmfMetrics.flush}. */
  middleware: MiddlewareHandler<AppEnv>;
  /** Writes one event's queue gauges. */
  gauge(eventId: string, gauges: { queueLength: number; activeBuyers: number }): void;
  /** Writes the collected request metrics now (no line when there were no requests). */
  flush(): void;
  /** Stops the flush timer and writes what is left. */
  close(): void;
}

export interface EmfOptions {
  /** CloudWatch namespace (`METRICS_NAMESPACE`). */
  namespace: string;
  /** Where lines go; default stdout, which the awslogs driver ships to CloudWatch Logs. */
  write?: (line: string) => void;
  clock?: () => number;
  /** How often collected request metrics are written; 0 starts no timer. */
  flushIntervalMs?: number;
}

/**
 * Builds the EMF writer. Counters (holds created and refused, seats sold and orders confirmed,
 * orders failed) are one line per occurrence, per event where the event is known. Request
 * latency and 5xx are collected and written at most every `flushIntervalMs` (and whenever 100
 * latencies are waiting), so a surge costs one log line per 100 requests, not one per request.
 * @example const emf = createEmfMetrics({ namespace: 'Floodgate' }); counters = teeCounters(counters, emf.counters);
 */
export function createEmfMetrics(options: EmfOptions): EmfMetrics {
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const clock = options.clock ?? Date.now;
  const emit = (record: EmfRecord) => write(emfLine(options.namespace, clock(), record));
  let latencies: number[] = [];
  let errors = 0;

  function flush(): void {
    if (latencies.length === 0) return;
    emit({
      dimensions: BY_SERVICE,
      metrics: [
        { spec: METRIC.requestLatency, value: latencies },
        { spec: METRIC.serverErrors, value: errors },
      ],
    });
    latencies = [];
    errors = 0;
  }
  const interval = options.flushIntervalMs ?? EMF_FLUSH_INTERVAL_MS;
  const timer = interval > 0 ? setInterval(flush, interval) : undefined;
  timer?.unref?.();

  const perEvent = (eventId: string, ...metrics: EmfRecord['metrics']) =>
    emit({ dimensions: BY_SERVICE_AND_EVENT, metrics, properties: { [EVENT_DIMENSION]: eventId } });

  return {
    counters: {
      holdCreated: (eventId) => perEvent(eventId, { spec: METRIC.holdsCreated, value: 1 }),
      holdRejected: (reason) =>
        emit({
          dimensions: BY_SERVICE,
          metrics: [{ spec: METRIC.holdsRejected, value: 1 }],
          properties: { reason },
        }),
      seatsSold: (eventId, seats) =>
        perEvent(
          eventId,
          { spec: METRIC.seatsSold, value: seats },
          { spec: METRIC.ordersConfirmed, value: 1 },
        ),
      orderFailed: (reason, eventId) =>
        emit({
          dimensions: BY_SERVICE,
          metrics: [{ spec: METRIC.ordersFailed, value: 1 }],
          properties: eventId ? { reason, [EVENT_DIMENSION]: eventId } : { reason },
        }),
    },
    middleware: createMiddleware<AppEnv>(async (c, next) => {
      const start = performance.now();
      await next();
      latencies.push(Math.round((performance.now() - start) * 10) / 10);
      if (c.res.status >= 500) errors++;
      if (latencies.length >= MAX_VALUES_PER_LINE) flush();
    }),
    // Gauges per event only: a sum over events of "people in line" means nothing.
    gauge: (eventId, gauges) =>
      emit({
        dimensions: BY_EVENT,
        metrics: [
          { spec: METRIC.queueLength, value: gauges.queueLength },
          { spec: METRIC.activeBuyers, value: gauges.activeBuyers },
        ],
        properties: { [EVENT_DIMENSION]: eventId },
      }),
    flush,
    close() {
      if (timer) clearInterval(timer);
      flush();
    },
  };
}
