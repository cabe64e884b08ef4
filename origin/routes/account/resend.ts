import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env';
import { errors, IdempotencyKeyHeader, json, OrderIdParam } from '../schemas';
import { cookieSecurity } from './schemas';
import { requireBuyer } from './session-cookie';

export const resendRoute = createRoute({
  method: 'post',
  path: '/orders/{orderId}/resend',
  tags: ['account'],
  summary: 'Send the confirmation email again (through the outbox; one email per Idempotency-Key)',
  security: cookieSecurity,
  request: { params: OrderIdParam, headers: IdempotencyKeyHeader },
  responses: {
    202: json(z.object({ status: z.literal('queued'), eventId: z.string() }), 'Queued'),
    ...errors(400, 401, 404, 409),
  },
});

export const resend: RouteHandler<typeof resendRoute, AppEnv> = async (c) => {
  const session = await requireBuyer(c);
  const { eventId } = await c.var.services.accounts.resendConfirmation(
    session.email,
    c.req.valid('param').orderId,
    c.req.valid('header')['idempotency-key'],
  );
  c.header('cache-control', 'no-store');
  return c.json({ status: 'queued' as const, eventId }, 202);
};
