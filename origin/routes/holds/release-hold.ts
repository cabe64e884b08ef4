import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute } from '@hono/zod-openapi';
import { requireAccess } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { bearerSecurity, errors } from '../schemas';
import { HoldIdParam } from './get-hold';

export const releaseHoldRoute = createRoute({
  method: 'delete',
  path: '/{holdId}',
  tags: ['holds'],
  summary: 'Give the seats of a hold back (idempotent)',
  security: bearerSecurity,
  middleware: [requireAccess] as const,
  request: { params: HoldIdParam },
  responses: { 204: { description: 'Released' }, ...errors(400, 401, 403, 404, 409) },
});

export const releaseHold: RouteHandler<typeof releaseHoldRoute, AppEnv> = async (c) => {
  await c.var.services.holds.release(c.req.valid('param').holdId, c.var.access.tid);
  return c.body(null, 204);
};
