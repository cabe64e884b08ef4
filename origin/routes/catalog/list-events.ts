import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { CATALOG_CACHE, cachedJson } from '../../http/cache';
import type { AppEnv } from '../../http/env';
import { EventSummarySchema, json } from '../schemas';

export const listEventsRoute = createRoute({
  method: 'get',
  path: '/events',
  tags: ['catalog'],
  summary: 'Events on sale or coming up (cached at the CDN for 30 s)',
  responses: { 200: json(z.object({ events: z.array(EventSummarySchema) }), 'Events') },
});

export const listEvents: RouteHandler<typeof listEventsRoute, AppEnv> = async (c) => {
  const events = await c.var.services.catalog.listEvents();
  return cachedJson(c, { events }, CATALOG_CACHE) as never;
};
