import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { requireOrganizer } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { EventIdParam, errors, organizerSecurity } from '../schemas';

export const exportOrdersRoute = createRoute({
  method: 'get',
  path: '/events/{eventId}/orders.csv',
  tags: ['admin'],
  summary: "An event's orders as CSV (organizer)",
  security: organizerSecurity,
  middleware: [requireOrganizer] as const,
  request: { params: EventIdParam },
  responses: {
    200: {
      description: 'text/csv, one row per order (columns in docs/contracts.md)',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...errors(401, 403, 404),
  },
});

export const exportOrders: RouteHandler<typeof exportOrdersRoute, AppEnv> = async (c) => {
  const { eventId } = c.req.valid('param');
  const csv = await c.var.services.orderAdmin.exportCsv(eventId);
  return c.body(csv, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${eventId}-orders.csv"`,
    'cache-control': 'no-store',
  });
};
