import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { MAX_EMAIL_LENGTH } from '../../domain/email-address';
import { requireOrganizer } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { toListedOrder } from '../../services/models';
import { errors, json, ListedOrderSchema, OrderId, organizerSecurity } from '../schemas';

export const searchOrdersRoute = createRoute({
  method: 'get',
  path: '/orders',
  tags: ['admin'],
  summary: 'Find orders by buyer email (any case) or by order id (organizer)',
  security: organizerSecurity,
  middleware: [requireOrganizer] as const,
  request: {
    query: z
      .object({
        email: z.email().max(MAX_EMAIL_LENGTH).optional(),
        orderId: OrderId.optional(),
      })
      .refine((q) => (q.email === undefined) !== (q.orderId === undefined), {
        message: 'Give exactly one of email or orderId',
      }),
  },
  responses: {
    200: json(z.object({ orders: z.array(ListedOrderSchema) }), 'Matching orders, newest first'),
    ...errors(400, 401, 403),
  },
});

export const searchOrders: RouteHandler<typeof searchOrdersRoute, AppEnv> = async (c) => {
  const records = await c.var.services.orderAdmin.search(c.req.valid('query'));
  c.header('cache-control', 'no-store');
  return c.json({ orders: records.map((r) => toListedOrder(r)) }, 200);
};
