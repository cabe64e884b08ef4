import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { requireOrganizer } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { EventDetailSchema, errors, json, organizerSecurity } from '../schemas';

/**
 * The body is an `EventDefinition` (origin/domain/event-definition.ts); it is validated by the
 * domain schema in the service so the cross-field rules give precise `validation_failed` details.
 */
export const EventDefinitionBody = z.record(z.string(), z.unknown()).openapi('EventDefinition');

export const createEventRoute = createRoute({
  method: 'post',
  path: '/events',
  tags: ['admin'],
  summary: 'Create an event and seed its seats (organizer)',
  security: organizerSecurity,
  middleware: [requireOrganizer] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: EventDefinitionBody } } },
  },
  responses: {
    201: json(z.object({ event: EventDetailSchema }), 'Created'),
    ...errors(400, 401, 403, 409, 413),
  },
});

export const createEvent: RouteHandler<typeof createEventRoute, AppEnv> = async (c) => {
  const event = await c.var.services.admin.createEvent(c.req.valid('json'));
  return c.json({ event }, 201);
};
