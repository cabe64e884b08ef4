import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { CATALOG_CACHE, cachedJson } from '../../http/cache';
import type { AppEnv } from '../../http/env';
import { EventDetailSchema, EventIdParam, errors, json } from '../schemas';

export const getEventRoute = createRoute({
  method: 'get',
  path: '/events/{eventId}',
  tags: ['catalog'],
  summary: 'One event: venue map, tiers, hold minutes, max per buyer',
  request: { params: EventIdParam },
  responses: {
    200: json(z.object({ event: EventDetailSchema }), 'The event'),
    ...errors(400, 404),
  },
});

export const getEvent: RouteHandler<typeof getEventRoute, AppEnv> = async (c) => {
  const event = await c.var.services.catalog.getEvent(c.req.valid('param').eventId);
  return cachedJson(c, { event }, CATALOG_CACHE) as never;
};
