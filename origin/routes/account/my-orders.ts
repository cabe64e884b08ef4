import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env';
import { toListedOrder } from '../../services/models';
import { errors, json, ListedOrderSchema } from '../schemas';
import { cookieSecurity } from './schemas';
import { requireBuyer } from './session-cookie';

export const myOrdersRoute = createRoute({
  method: 'get',
  path: '/orders',
  tags: ['account'],
  summary: "The buyer's orders with their tickets (every order bought with the account's email)",
  security: cookieSecurity,
  responses: {
    200: json(z.object({ orders: z.array(ListedOrderSchema) }), 'Newest first'),
    ...errors(401),
  },
});

export const myOrders: RouteHandler<typeof myOrdersRoute, AppEnv> = async (c) => {
  const session = await requireBuyer(c);
  const records = await c.var.services.accounts.orders(session.email);
  c.header('cache-control', 'no-store');
  return c.json({ orders: records.map((r) => toListedOrder(r)) }, 200);
};
