import { swaggerUI } from '@hono/swagger-ui';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../common/errors';
import type { AppEnv } from './http/env';
import { errorHandler, notFound } from './http/errors';
import { type Logger, requestLog } from './http/logger';
import { createMetrics, type OriginMetrics } from './http/metrics';
import { requestId } from './http/request-id';
import { accountRoutes } from './routes/account';
import { adminRoutes } from './routes/admin';
import { adminOrderRoutes } from './routes/admin-orders';
import { catalogRoutes } from './routes/catalog';
import { checkinRoutes } from './routes/checkin';
import { checkoutRoutes } from './routes/checkout';
import { devMailboxRoutes } from './routes/dev-mailbox';
import { holdRoutes } from './routes/holds';
import { orderRoutes } from './routes/orders';
import { systemRoutes } from './routes/system';
import { ticketKeyRoutes } from './routes/ticket-keys';
import type { Services } from './services';

/** What the HTTP app needs: the services, the organizer key, metrics and a logger. */
export interface OriginAppDeps {
  services: Services;
  organizerKey: string;
  metrics?: OriginMetrics;
  /** Request logs (JSON) and error logs with the request id; absent → no request logs. */
  logger?: Logger;
  logError?: (error: unknown, c: Context<AppEnv>) => void;
}

/** Buying routes, whose latency and 5xx rate feed adaptive admission and the dashboard. */
const BUYING_PATH = /^\/api\/events\/([a-z0-9][a-z0-9-]{1,62})\/(?:holds|checkout)(?:\/|$)/;

/** Largest accepted request body (docs/contracts.md). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Builds the origin Hono app: request ids, metrics, the 64 KB body limit, the routes of each
 * area chained (so `AppType` carries every route for `hc<AppType>`), one error shape, OpenAPI at
 * `/api/docs/openapi.json` and Swagger UI at `/api/docs`.
 * @example const app = createOriginApp({ services, organizerKey }); await app.request('/healthz');
 */
export function createOriginApp(deps: OriginAppDeps) {
  const metrics = deps.metrics ?? createMetrics();
  const { logger } = deps;
  const log =
    deps.logError ??
    (logger
      ? (error: unknown, c: Context<AppEnv>) =>
          logger.error({ err: error, requestId: c.get('requestId') }, 'unhandled error')
      : (error: unknown) => console.error(error));
  const { activity, clock } = deps.services.deps;
  const app = new OpenAPIHono<AppEnv>();
  app.use(requestId);
  if (logger) app.use(requestLog(logger));
  app.use(metrics.middleware);
  app.use('/api/events/*', async (c, next) => {
    const start = performance.now();
    await next();
    const eventId = BUYING_PATH.exec(c.req.path)?.[1];
    if (eventId) activity.recordRequest(eventId, performance.now() - start, c.res.status, clock());
  });
  app.use(async (c, next) => {
    c.set('services', deps.services);
    c.set('organizerKey', deps.organizerKey);
    await next();
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError('payload_too_large', `Request body is over ${MAX_BODY_BYTES / 1024} KB`);
      },
    }),
  );
  app.openAPIRegistry.registerComponent('securitySchemes', 'accessToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Access token from the waiting room (or the fg_access cookie)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'organizerKey', {
    type: 'http',
    scheme: 'bearer',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'fg_session',
    description: 'Buyer session from a sign-in link (POST /api/account/sign-in)',
  });
  app.doc('/api/docs/openapi.json', {
    openapi: '3.0.3',
    info: { title: 'Floodgate origin API', version: '0.1.0' },
  });
  app.get('/api/docs', swaggerUI({ url: '/api/docs/openapi.json' }));
  app.onError(errorHandler(log));
  app.notFound(notFound);
  return app
    .route('/', systemRoutes(metrics.registry))
    .route('/api/catalog', catalogRoutes)
    .route('/api/catalog', ticketKeyRoutes)
    .route('/api/events', holdRoutes)
    .route('/api/events', checkoutRoutes)
    .route('/api/orders', orderRoutes)
    .route('/api/admin', adminRoutes)
    .route('/api/admin', adminOrderRoutes)
    .route('/api/account', accountRoutes)
    .route('/api/checkin', checkinRoutes)
    .route('/api/dev/mailbox', devMailboxRoutes);
}

/** The typed origin app, for `hc<AppType>` in the storefront. */
export type AppType = ReturnType<typeof createOriginApp>;
