import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { requireAccess } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { bearerSecurity, errors, HoldSchema, json } from '../schemas';

export const HoldIdParam = z.object({
  holdId: z
    .string()
    .regex(/^h_[A-Za-z0-9_-]{20,64}$/)
    .openapi({ param: { name: 'holdId', in: 'path' } }),
});

export const getHoldRoute = createRoute({
  method: 'get',
  path: '/{holdId}',
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
  const hold = await c.var.services.holds.get(c.req.valid('param').holdId, c.var.access.tid);
  c.header('cache-control', 'no-store');
  return c.json({ hold }, 200);
};
