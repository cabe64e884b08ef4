import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { AVAILABILITY_CACHE, cachedJson } from '../../http/cache';
import type { AppEnv } from '../../http/env';
import { EventIdParam, errors, json } from '../schemas';

const AvailabilitySchema = z
  .object({
    eventId: z.string(),
    asOf: z.string(),
    sections: z.record(
      z.string(),
      z.object({ available: z.number(), capacity: z.number(), seats: z.string().optional() }),
    ),
  })
  .openapi('Availability');

export const getAvailabilityRoute = createRoute({
  method: 'get',
  path: '/events/{eventId}/availability',
  tags: ['catalog'],
  summary: 'Live availability per section; `seats` is the base64url bitmap (1 = available)',
  request: { params: EventIdParam },
  responses: { 200: json(AvailabilitySchema, 'Availability'), ...errors(400, 404) },
});

export const getAvailability: RouteHandler<typeof getAvailabilityRoute, AppEnv> = async (c) => {
  const availability = await c.var.services.catalog.availability(c.req.valid('param').eventId);
  return cachedJson(c, availability, AVAILABILITY_CACHE) as never;
};
