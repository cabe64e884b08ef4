import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { requireOrganizer } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { toOrder } from '../../services/models';
import { errors, json, OrderIdParam, OrderSchema, organizerSecurity } from '../schemas';
import { optionalCancelBody } from './schemas';

export const cancelOrderRoute = createRoute({
  method: 'post',
  path: '/orders/{orderId}/cancel',
  tags: ['admin'],
  summary: 'Cancel a confirmed order: refund it and put its seats back on sale, exactly once',
  security: organizerSecurity,
  middleware: [requireOrganizer] as const,
  request: { params: OrderIdParam, body: optionalCancelBody },
  responses: {
    200: json(
      z.object({ order: OrderSchema, refunded: z.boolean(), seatsReturned: z.number() }),
      'Cancelled (a repeat answers refunded: false, seatsReturned: 0)',
    ),
    ...errors(400, 401, 403, 404, 409, 503),
  },
});

export const cancelOrderHandler: RouteHandler<typeof cancelOrderRoute, AppEnv> = async (c) => {
  const body = c.req.valid('json') ?? {};
  const outcome = await c.var.services.orderAdmin.cancelOrder(
    c.req.valid('param').orderId,
    body.reason,
  );
  c.header('cache-control', 'no-store');
  return c.json(
    {
      order: toOrder(outcome.order),
      refunded: outcome.refunded,
      seatsReturned: outcome.seatsReturned,
    },
    200,
  );
};
