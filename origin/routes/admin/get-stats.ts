import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { requireOrganizer } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { EventIdParam, errors, json, organizerSecurity } from '../schemas';

export const StatsSchema = z
  .object({
    capacity: z.number(),
    available: z.number(),
    held: z.number(),
    sold: z.number(),
    holds: z.number(),
    orders: z.number(),
    revenueCents: z.number(),
  })
  .openapi('EventStats');

export const getStatsRoute = createRoute({
  method: 'get',
  path: '/events/{eventId}/stats',
  tags: ['admin'],
  summary: 'Live sale statistics (organizer)',
  security: organizerSecurity,
  middleware: [requireOrganizer] as const,
  request: { params: EventIdParam },
  responses: { 200: json(StatsSchema, 'Stats'), ...errors(401, 403, 404) },
});

export const getStats: RouteHandler<typeof getStatsRoute, AppEnv> = async (c) => {
  c.header('cache-control', 'no-store');
  return c.json(await c.var.services.admin.stats(c.req.valid('param').eventId), 200);
};
