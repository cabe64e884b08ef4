import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { MAX_EMAIL_LENGTH } from '../../domain/email-address';
import { assertEvent, requireAccess } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { runIdempotent } from '../../services/idempotency';
import type { Order } from '../../services/models';
import {
  bearerSecurity,
  EventIdParam,
  errors,
  IdempotencyKeyHeader,
  json,
  OrderSchema,
} from '../schemas';

export const CheckoutBody = z
  .object({
    holdId: z.string().regex(/^h_[A-Za-z0-9_-]{20,64}$/),
    email: z.email().max(MAX_EMAIL_LENGTH),
    card: z
      .object({
        number: z.string().regex(/^[0-9 ]{12,23}$/, '12–19 digits'),
        expiry: z.string().regex(/^(0[1-9]|1[0-2])\/\d{2}$/, 'MM/YY'),
        cvc: z.string().regex(/^\d{3,4}$/, '3 or 4 digits'),
      })
      .strict(),
  })
  .strict()
  .openapi('Checkout');

export const createCheckoutRoute = createRoute({
  method: 'post',
  path: '/{eventId}/checkout',
  tags: ['checkout'],
  summary: 'Pay for a hold; the order is PENDING until the payment settles',
  security: bearerSecurity,
  middleware: [requireAccess] as const,
  request: {
    params: EventIdParam,
    headers: IdempotencyKeyHeader,
    body: { required: true, content: { 'application/json': { schema: CheckoutBody } } },
  },
  responses: {
    201: json(z.object({ order: OrderSchema }), 'Order created (keep `secret` to read it later)'),
    ...errors(400, 401, 403, 404, 409, 410, 413, 503),
  },
});

export const createCheckout: RouteHandler<typeof createCheckoutRoute, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const access = c.var.access;
  assertEvent(access, c.req.valid('param').eventId);
  const { services } = c.var;
  const key = c.req.valid('header')['idempotency-key'];
  const result = await runIdempotent<{ order: Order }>(
    services.deps.store.idempotency,
    // The card is hashed with the body: a retry must send the same card to replay.
    { scope: `${access.tid}:checkout`, key, body, now: services.deps.clock() },
    async () => ({
      status: 201,
      body: {
        order: await services.checkout.checkout({
          ...body,
          ticketId: access.tid,
          idempotencyKey: key,
        }),
      },
    }),
  );
  if (result.replayed) c.header('idempotent-replayed', 'true');
  c.header('cache-control', 'no-store');
  return c.json(result.body, 201);
};
