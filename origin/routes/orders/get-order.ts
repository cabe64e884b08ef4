import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env';
import { errors, json, OrderIdParam, OrderSchema } from '../schemas';

export const getOrderRoute = createRoute({
  method: 'get',
  path: '/{orderId}',
  tags: ['orders'],
  summary: 'An order and, once confirmed, its tickets (needs the order secret from checkout)',
  request: {
    params: OrderIdParam,
    query: z.object({ secret: z.string().max(128).optional() }),
  },
  responses: { 200: json(z.object({ order: OrderSchema }), 'The order'), ...errors(400, 401, 404) },
});

export const getOrder: RouteHandler<typeof getOrderRoute, AppEnv> = async (c) => {
  const order = await c.var.services.checkout.getOrder(
    c.req.valid('param').orderId,
    c.req.valid('query').secret,
  );
  c.header('cache-control', 'no-store');
  return c.json({ order }, 200);
};
