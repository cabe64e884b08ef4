import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { type AppType, createOriginApp } from './app';
import { buildServiceDeps, type DepsOverrides } from './bootstrap';
import type { OriginConfig } from './config';
import { createServices, type Services } from './services';

export interface StartOriginOptions {
  config: OriginConfig;
  /** Replacements for adapters (tests, the local start script). */
  deps?: DepsOverrides;
  /** Defaults to `config.port`; 0 picks a free port. */
  port?: number;
  host?: string;
  logError?: (error: unknown) => void;
}

export interface RunningOrigin {
  url: string;
  app: AppType;
  services: Services;
  deps: Services['deps'];
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
  const log = options.logError ?? ((error: unknown) => console.error('[origin]', error));
  built.deps.onBackgroundError ??= (error, context) =>
    log(Object.assign(new Error(context), { cause: error }));
  const services = createServices(built.deps);
  const app = createOriginApp({
    services,
    organizerKey: options.config.organizerKey,
    metrics: built.metrics,
    logError: log,
  });
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
    deps: built.deps,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await services.checkout.close();
      await built.close();
    },
  };
}
