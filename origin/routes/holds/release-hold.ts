import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute } from '@hono/zod-openapi';
import { assertEvent, requireAccess } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { bearerSecurity, errors } from '../schemas';
import { HoldIdParam } from './get-hold';

export const releaseHoldRoute = createRoute({
  method: 'delete',
  path: '/{eventId}/holds/{holdId}',
  tags: ['holds'],
  summary: 'Give the seats of a hold back (idempotent)',
  security: bearerSecurity,
  middleware: [requireAccess] as const,
  request: { params: HoldIdParam },
  responses: { 204: { description: 'Released' }, ...errors(400, 401, 403, 404, 409) },
});

export const releaseHold: RouteHandler<typeof releaseHoldRoute, AppEnv> = async (c) => {
  const { eventId, holdId } = c.req.valid('param');
  assertEvent(c.var.access, eventId);
  await c.var.services.holds.release(holdId, c.var.access.tid);
  return c.body(null, 204);
};
