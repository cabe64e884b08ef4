import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { requireOrganizer } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { EventDetailSchema, EventIdParam, errors, json, organizerSecurity } from '../schemas';
import { EventDefinitionBody } from './create-event';

export const updateEventRoute = createRoute({
  method: 'put',
  path: '/events/{eventId}',
  tags: ['admin'],
  summary: 'Replace an event (sections may be added, not changed) (organizer)',
  security: organizerSecurity,
  middleware: [requireOrganizer] as const,
  request: {
    params: EventIdParam,
    body: { required: true, content: { 'application/json': { schema: EventDefinitionBody } } },
  },
  responses: {
    200: json(z.object({ event: EventDetailSchema }), 'Updated'),
    ...errors(400, 401, 403, 404, 409, 413),
  },
});

export const updateEvent: RouteHandler<typeof updateEventRoute, AppEnv> = async (c) => {
  const event = await c.var.services.admin.updateEvent(
    c.req.valid('param').eventId,
    c.req.valid('json'),
  );
  return c.json({ event }, 200);
};
