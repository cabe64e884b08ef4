import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { requireOrganizer } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { EventIdParam, errors, json, organizerSecurity } from '../schemas';
import { StatsSchema } from './get-stats';

const MinuteSchema = z
  .object({
    at: z.string(),
    holdsCreated: z.number(),
    ordersConfirmed: z.number(),
    ordersFailed: z.number(),
    seatsSold: z.number(),
    requests: z.number(),
    p95Ms: z.number(),
    errorRate: z.number(),
  })
  .openapi('DashboardMinute');

const DashboardSchema = z
  .object({
    eventId: z.string(),
    asOf: z.string(),
    minutes: z.array(MinuteSchema),
    current: StatsSchema,
  })
  .openapi('Dashboard');

export const getDashboardRoute = createRoute({
  method: 'get',
  path: '/events/{eventId}/dashboard',
  tags: ['admin'],
  summary:
    'Per-minute sale series of the last 30 minutes (this origin process) plus live stats (organizer)',
  security: organizerSecurity,
  middleware: [requireOrganizer] as const,
  request: { params: EventIdParam },
  responses: { 200: json(DashboardSchema, 'Dashboard'), ...errors(401, 403, 404) },
});

/**
 * The series live in each origin process's memory: with several processes, each answers with
 * its own, and the console sums the series it gets (the `current` stats come from the table).
 */
export const getDashboard: RouteHandler<typeof getDashboardRoute, AppEnv> = async (c) => {
  c.header('cache-control', 'no-store');
  return c.json(await c.var.services.admin.dashboard(c.req.valid('param').eventId), 200);
};
