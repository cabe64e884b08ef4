/**
 * The custom metrics the origin writes in AWS as CloudWatch embedded metric format (EMF) lines in
 * its JSON log, and that the dashboard reads. The origin gets the namespace as
 * `METRICS_NAMESPACE`; without it (locally) it only serves Prometheus `/metrics`.
 * infra/README.md ("Logs and metrics") shows the exact line shape. Names here are the contract:
 * renaming one on either side empties a dashboard widget without any error.
 */
export const METRICS_NAMESPACE = 'Floodgate';

/** Every metric carries this dimension with the value {@link SERVICE_NAME}. */
export const SERVICE_DIMENSION = 'Service';
export const SERVICE_NAME = 'origin';
/** Per-event metrics also carry this dimension (the event id). */
export const EVENT_DIMENSION = 'EventId';

/**
 * Metric names and units. Counters are emitted per occurrence (value = how many), gauges
 * periodically (every {@link EMF_GAUGE_INTERVAL_MS} per event with an open room).
 */
export const METRIC = {
  /** Counter: holds created (`floodgate_holds_total`). Dimensions: Service; Service+EventId. */
  holdsCreated: { name: 'HoldsCreated', unit: 'Count' },
  /** Counter: holds refused (`floodgate_hold_rejections_total`). Dimensions: Service. */
  holdsRejected: { name: 'HoldsRejected', unit: 'Count' },
  /** Counter: seats sold (`floodgate_seats_sold_total`). Dimensions: Service; Service+EventId. */
  seatsSold: { name: 'SeatsSold', unit: 'Count' },
  /** Counter: orders confirmed. Dimensions: Service; Service+EventId. */
  ordersConfirmed: { name: 'OrdersConfirmed', unit: 'Count' },
  /** Counter: orders failed (`floodgate_orders_failed_total`). Dimensions: Service. */
  ordersFailed: { name: 'OrdersFailed', unit: 'Count' },
  /** Gauge: people in line not yet admitted. Dimensions: Service+EventId. */
  queueLength: { name: 'QueueLength', unit: 'Count' },
  /** Gauge: admitted buyers holding a slot. Dimensions: Service+EventId. */
  activeBuyers: { name: 'ActiveBuyers', unit: 'Count' },
  /**
   * Request duration at the origin, ms (`floodgate_http_request_duration_seconds`): up to 100
   * values per line, flushed every few seconds, so percentiles come from every request.
   * Dimensions: Service.
   */
  requestLatency: { name: 'RequestLatency', unit: 'Milliseconds' },
  /** Counter: requests answered 5xx, in the same lines as {@link METRIC.requestLatency}. Dimensions: Service. */
  serverErrors: { name: 'ServerErrors', unit: 'Count' },
} as const;

/** How often the origin flushes request metrics and reads the waiting-room gauges, ms. */
export const EMF_FLUSH_INTERVAL_MS = 10_000;
export const EMF_GAUGE_INTERVAL_MS = 30_000;
