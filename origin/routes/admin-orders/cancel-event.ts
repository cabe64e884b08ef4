import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { requireOrganizer } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { EventIdParam, errors, json, organizerSecurity } from '../schemas';
import { optionalCancelBody } from './schemas';

export const EventCancellationSchema = z
  .object({
    eventId: z.string(),
    cancelledAt: z.string(),
    refunded: z.number(),
    refundedCents: z.number(),
    alreadyCancelled: z.number(),
    skipped: z.number(),
  })
  .openapi('EventCancellation');

export const cancelEventRoute = createRoute({
  method: 'post',
  path: '/events/{eventId}/cancel',
  tags: ['admin'],
  summary: 'Cancel an event: stop sales, cancel and refund every confirmed order (repeatable)',
  security: organizerSecurity,
  middleware: [requireOrganizer] as const,
  request: { params: EventIdParam, body: optionalCancelBody },
  responses: {
    200: json(EventCancellationSchema, 'What was cancelled'),
    ...errors(400, 401, 403, 404, 503),
  },
});

export const cancelEventHandler: RouteHandler<typeof cancelEventRoute, AppEnv> = async (c) => {
  const body = c.req.valid('json') ?? {};
  const result = await c.var.services.orderAdmin.cancelEvent(
    c.req.valid('param').eventId,
    body.reason,
  );
  c.header('cache-control', 'no-store');
  return c.json(result, 200);
};
