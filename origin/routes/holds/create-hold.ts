import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { assertEvent, requireAccess } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { runIdempotent } from '../../services/idempotency';
import type { Hold } from '../../services/models';
import {
  bearerSecurity,
  EventIdParam,
  errors,
  HoldSchema,
  IdempotencyKeyHeader,
  json,
} from '../schemas';

const quantity = z.number().int().min(1).max(20);

export const CreateHoldBody = z
  .object({
    seats: z.array(z.string().max(48)).min(1).max(20).optional(),
    bestAvailable: z
      .object({
        quantity,
        sectionId: z.string().max(32).optional(),
        tierId: z.string().max(32).optional(),
      })
      .strict()
      .optional(),
    generalAdmission: z
      .object({ sectionId: z.string().max(32), quantity })
      .strict()
      .optional(),
  })
  .strict()
  .refine(
    (b) =>
      [b.seats, b.bestAvailable, b.generalAdmission].filter((x) => x !== undefined).length === 1,
    { message: 'Give exactly one of seats, bestAvailable or generalAdmission' },
  )
  .openapi('CreateHold');

export const createHoldRoute = createRoute({
  method: 'post',
  path: '/{eventId}/holds',
  tags: ['holds'],
  summary: 'Hold seats for a few minutes (all or nothing; Idempotency-Key makes retries safe)',
  security: bearerSecurity,
  middleware: [requireAccess] as const,
  request: {
    params: EventIdParam,
    headers: IdempotencyKeyHeader,
    body: { required: true, content: { 'application/json': { schema: CreateHoldBody } } },
  },
  responses: {
    201: json(z.object({ hold: HoldSchema }), 'Held'),
    ...errors(400, 401, 403, 404, 409, 413, 422, 503),
  },
});

export const createHold: RouteHandler<typeof createHoldRoute, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const { eventId } = c.req.valid('param');
  const access = c.var.access;
  assertEvent(access, eventId);
  const { services } = c.var;
  const key = c.req.valid('header')['idempotency-key'];
  const result = await runIdempotent<{ hold: Hold }>(
    services.deps.store.idempotency,
    { scope: `${access.tid}:holds`, key, body, now: services.deps.clock() },
    async () => ({
      status: 201,
      body: {
        hold: await services.holds.create({
          ...body,
          eventId,
          ticketId: access.tid,
          idempotencyKey: key,
        }),
      },
    }),
  );
  if (result.replayed) c.header('idempotent-replayed', 'true');
  return c.json(result.body, 201);
};
