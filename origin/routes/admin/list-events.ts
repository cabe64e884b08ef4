import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { requireOrganizer } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { EventSummarySchema, errors, json, organizerSecurity } from '../schemas';

export const adminListEventsRoute = createRoute({
  method: 'get',
  path: '/events',
  tags: ['admin'],
  summary: 'All events (organizer)',
  security: organizerSecurity,
  middleware: [requireOrganizer] as const,
  responses: {
    200: json(z.object({ events: z.array(EventSummarySchema) }), 'Events'),
    ...errors(401, 403),
  },
});

export const adminListEvents: RouteHandler<typeof adminListEventsRoute, AppEnv> = async (c) => {
  c.header('cache-control', 'no-store');
  return c.json({ events: await c.var.services.admin.listEvents() }, 200);
};
