import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { type AppType, createOriginApp } from './app';
import { buildServiceDeps, type DepsOverrides } from './bootstrap';
import type { OriginConfig } from './config';
import { createLogger, type Logger } from './http/logger';
import { createServices, type Services } from './services';
import { startHealthFeed } from './services/health-feed';
import { startHoldSweeper } from './services/hold-sweeper';

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
  /** Background intervals (ms; 0 turns one off): expired-hold sweeper, health feed. */
  sweepIntervalMs?: number;
  healthIntervalMs?: number;
}

export interface RunningOrigin {
  url: string;
  app: AppType;
  services: Services;
  deps: Services['deps'];
  logger: Logger;
  /** Stops accepting, lets in-flight requests finish, then closes the adapters. */
  close(): Promise<void>;
}

/** Beyond the ALB's 60 s idle timeout, so the ALB never reuses a socket Node just closed. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
export const HEADERS_TIMEOUT_MS = 66_000;
/** Room for a burst of connections the event loop has not accepted yet. */
export const LISTEN_BACKLOG = 4096;

/**
 * Builds and starts the origin on Node (@hono/node-server).
 * @example const origin = await startOrigin({ config: parseOriginConfig({}), port: 0 });
 */
export async function startOrigin(options: StartOriginOptions): Promise<RunningOrigin> {
  const built = await buildServiceDeps(options.config, options.deps);
  const logger = options.logger ?? createLogger(options.config.logLevel);
  const log =
    options.logError ?? ((error: unknown) => logger.error({ err: error }, 'origin error'));
  built.deps.onBackgroundError ??= (error, context) =>
    options.logError
      ? options.logError(Object.assign(new Error(context), { cause: error }))
      : logger.error({ err: error, context }, 'background work failed');
  const services = createServices(built.deps);
  const app = createOriginApp({
    services,
    organizerKey: options.config.organizerKey,
    metrics: built.metrics,
    logger,
    logError: options.logError ? (error) => log(error) : undefined,
  });
  const sweeper = startHoldSweeper(services.deps, { intervalMs: options.sweepIntervalMs });
  const health = startHealthFeed(services.deps, options.healthIntervalMs);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
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
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      health.close();
      await sweeper.close();
      await services.close();
      await built.close();
    },
  };
}
