import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { ServiceCounters } from '../services/deps';
import type { AppEnv } from './env';

/** The origin's Prometheus metrics, on a registry of its own (several apps may share a process). */
export interface OriginMetrics {
  registry: Registry;
  counters: ServiceCounters;
  /** Records request duration by method, route pattern and status. */
  middleware: MiddlewareHandler<AppEnv>;
}

/**
 * Builds the metrics: `floodgate_http_request_duration_seconds{method,route,status}`,
 * `floodgate_holds_total`, `floodgate_hold_rejections_total{reason}`, `floodgate_seats_sold_total`,
 * `floodgate_orders_failed_total{reason}`, plus Node defaults when `defaults` is set.
 */
export function createMetrics(options: { defaults?: boolean } = {}): OriginMetrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'floodgate_http_request_duration_seconds',
    help: 'Origin request duration by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const holds = new Counter({
    name: 'floodgate_holds_total',
    help: 'Holds created',
    labelNames: ['event'],
    registers: [registry],
  });
  const rejections = new Counter({
    name: 'floodgate_hold_rejections_total',
    help: 'Holds refused (seat taken, locked, buyer limit)',
    labelNames: ['reason'],
    registers: [registry],
  });
  const sold = new Counter({
    name: 'floodgate_seats_sold_total',
    help: 'Seats sold',
    labelNames: ['event'],
    registers: [registry],
  });
  const failed = new Counter({
    name: 'floodgate_orders_failed_total',
    help: 'Orders failed',
    labelNames: ['reason'],
    registers: [registry],
  });
  return {
    registry,
    counters: {
      holdCreated: (event) => holds.inc({ event }),
      holdRejected: (reason) => rejections.inc({ reason }),
      seatsSold: (event, n) => sold.inc({ event }, n),
      orderFailed: (reason) => failed.inc({ reason }),
    },
    middleware: createMiddleware<AppEnv>(async (c, next) => {
      const end = duration.startTimer();
      await next();
      // The route pattern, not the path: ids in paths would explode the label set.
      end({
        method: c.req.method,
        route: c.req.routePath || 'unmatched',
        status: String(c.res.status),
      });
    }),
  };
}
