import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { assertEvent, requireAccess } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { bearerSecurity, EventIdParam, errors, HoldSchema, json } from '../schemas';

export const HoldIdParam = EventIdParam.extend({
  holdId: z
    .string()
    .regex(/^h_[A-Za-z0-9_-]{20,64}$/)
    .openapi({ param: { name: 'holdId', in: 'path' } }),
});

export const getHoldRoute = createRoute({
  method: 'get',
  path: '/{eventId}/holds/{holdId}',
  tags: ['holds'],
  summary: "One of the buyer's holds",
  security: bearerSecurity,
  middleware: [requireAccess] as const,
  request: { params: HoldIdParam },
  responses: {
    200: json(z.object({ hold: HoldSchema }), 'The hold'),
    ...errors(400, 401, 403, 404),
  },
});

export const getHold: RouteHandler<typeof getHoldRoute, AppEnv> = async (c) => {
  const { eventId, holdId } = c.req.valid('param');
  assertEvent(c.var.access, eventId);
  const hold = await c.var.services.holds.get(holdId, c.var.access.tid);
  c.header('cache-control', 'no-store');
  return c.json({ hold }, 200);
};
