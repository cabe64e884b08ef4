import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { oncePerInterval } from '../common/once-per-interval';
import { type AppType, createOriginApp } from './app';
import { buildServiceDeps, type DepsOverrides } from './bootstrap';
import type { OriginConfig } from './config';
import { createEmfMetrics, type EmfMetrics } from './http/emf';
import { createLogger, type Logger } from './http/logger';
import type { OriginMetrics } from './http/metrics';
import { createServices, type Services } from './services';
import { teeCounters } from './services/activity';
import { noopAdmission } from './services/deps';
import { startHealthFeed } from './services/health-feed';
import { startHoldSweeper } from './services/hold-sweeper';
import { startAdmittedFeed } from './services/outbox/admitted-feed';
import { startOutboxRelay } from './services/outbox/relay';
import { startRoomConfigKeeper } from './services/room-config-keeper';
import { startRoomGauges } from './services/room-gauges';

export interface StartOriginOptions {
  config: OriginConfig;
  /** Replacements for adapters (tests, the local start script). */
  deps?: DepsOverrides;
  /** Defaults to `config.port`; 0 picks a free port. */
  port?: number;
  host?: string;
  logError?: (error: unknown) => void;
  /** Defaults to a pino logger at `config.logLevel` on stdout. */
  logger?: Logger;
  /**
   * Background intervals (ms; 0 turns one off): expired-hold sweeper, health feed, room gauges,
   * room-config keeper (restores waiting rooms after Redis restarts empty).
   */
  sweepIntervalMs?: number;
  healthIntervalMs?: number;
  gaugeIntervalMs?: number;
  roomConfigIntervalMs?: number;
  /** The admitted feed (the room's admitted stream → `buyer.admitted` in the outbox). */
  admittedFeedIntervalMs?: number;
  /** Where EMF lines go when `config.metricsNamespace` is set (default stdout; tests capture). */
  emfWrite?: (line: string) => void;
  /** How long {@link RunningOrigin.close} lets requests finish before cutting connections. */
  drainDeadlineMs?: number;
}

export interface RunningOrigin {
  url: string;
  app: AppType;
  services: Services;
  deps: Services['deps'];
  logger: Logger;
  /** The EMF writer, when `config.metricsNamespace` is set. */
  emf?: EmfMetrics;
  /**
   * Drains: stops accepting at once (new connections are refused), lets in-flight requests
   * finish (their responses say `Connection: close`), closes idle keep-alive sockets, cuts
   * whatever is still open after the drain deadline, then closes the adapters.
   */
  close(): Promise<void>;
}

/** Beyond the ALB's 60 s idle timeout, so the ALB never reuses a socket Node just closed. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
export const HEADERS_TIMEOUT_MS = 66_000;
/** Room for a burst of connections the event loop has not accepted yet. */
export const LISTEN_BACKLOG = 4096;
/**
 * Longest a drain waits for in-flight requests before cutting their connections: below the ECS
 * stop timeout (30 s, SIGKILL after it), so the adapters still close cleanly.
 */
export const DRAIN_DEADLINE_MS = 25_000;

/** One warning per context per 10 s: an outage degrades every request the same way. */
export const DEGRADED_LOG_INTERVAL_MS = 10_000;

/** The Prometheus middleware with EMF request metrics around it (same counters, both sinks). */
function withEmf(metrics: OriginMetrics, emf: EmfMetrics): OriginMetrics {
  return {
    ...metrics,
    middleware: (c, next) =>
      emf.middleware(c, async () => {
        await metrics.middleware(c, next);
      }),
  };
}

/**
 * Tracks in-flight responses so a drain can mark them `Connection: close` and close each
 * keep-alive socket as soon as its last response is sent (an idle keep-alive socket would
 * otherwise hold `server.close()` open for the whole keep-alive timeout).
 */
function drainable(server: Server): (deadlineMs: number) => Promise<void> {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (draining && !res.headersSent) res.setHeader('connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  return async (deadlineMs) => {
    draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    server.closeIdleConnections();
    const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
    await closed;
    clearTimeout(deadline);
  };
}

/**
 * Builds and starts the origin on Node (@hono/node-server).
 * @example const origin = await startOrigin({ config: parseOriginConfig({}), port: 0 });
 */
export async function startOrigin(options: StartOriginOptions): Promise<RunningOrigin> {
  const logger = options.logger ?? createLogger(options.config.logLevel);
  const built = await buildServiceDeps(options.config, { logger, ...options.deps });
  const log =
    options.logError ?? ((error: unknown) => logger.error({ err: error }, 'origin error'));
  built.deps.onBackgroundError ??= (error, context) =>
    options.logError
      ? options.logError(Object.assign(new Error(context), { cause: error }))
      : logger.error({ err: error, context }, 'background work failed');
  const degradedDue = oncePerInterval(DEGRADED_LOG_INTERVAL_MS);
  built.deps.onDegraded ??= (error, context) => {
    const repeats = degradedDue(context);
    if (repeats !== false) logger.warn({ err: error, context, repeats }, 'degraded: carrying on');
  };
  const namespace = options.config.metricsNamespace;
  const emf = namespace ? createEmfMetrics({ namespace, write: options.emfWrite }) : undefined;
  if (emf) built.deps.counters = teeCounters(built.deps.counters, emf.counters);
  const services = createServices(built.deps);
  const app = createOriginApp({
    services,
    organizerKey: options.config.organizerKey,
    metrics: emf ? withEmf(built.metrics, emf) : built.metrics,
    logger,
    logError: options.logError ? (error) => log(error) : undefined,
  });
  const sweeper = startHoldSweeper(services.deps, { intervalMs: options.sweepIntervalMs });
  // Outbox relay (issue 9): publishes pending domain events every OUTBOX_INTERVAL_MS.
  const relay = startOutboxRelay(services.deps, { intervalMs: options.config.outboxIntervalMs });
  // The edge's admissions (its room store's admitted stream) into the outbox; no room, no feed.
  const admittedFeed = startAdmittedFeed(services.deps, {
    intervalMs: services.deps.admission.admittedSince ? options.admittedFeedIntervalMs : 0,
  });
  const health = startHealthFeed(services.deps, options.healthIntervalMs);
  const onRestored = (eventIds: string[]) =>
    logger.warn({ eventIds }, 'waiting rooms restored from their durable admission config');
  const roomKeeper = startRoomConfigKeeper(services.deps, {
    intervalMs: services.deps.admission === noopAdmission ? 0 : options.roomConfigIntervalMs,
    onRestored,
  });
  // Redis back (maybe empty after a restart): restore rooms now, not on the next timed round.
  const stopReconnectRound = built.onRoomReconnect(() => roomKeeper.kick());
  const gauges = emf ? startRoomGauges(services.deps, emf, options.gaugeIntervalMs) : undefined;
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const drain = drainable(server);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  const host = options.host ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(
      { port: options.port ?? options.config.port, host, backlog: LISTEN_BACKLOG },
      () => resolve(),
    );
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}`,
    app,
    services,
    deps: services.deps,
    logger,
    emf,
    async close() {
      await drain(options.drainDeadlineMs ?? DRAIN_DEADLINE_MS);
      await gauges?.close();
      await health.close();
      stopReconnectRound();
      await roomKeeper.close();
      await sweeper.close();
      await admittedFeed.close();
      await relay.close();
      await services.close();
      emf?.close();
      await built.close();
    },
  };
}
