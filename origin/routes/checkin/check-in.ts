import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { EVENT_ID_PATTERN } from '../../domain/seat-ids';
import type { AppEnv } from '../../http/env';
import { errors, json } from '../schemas';
import { requireScanner } from './scanner-auth';

export const CheckinBody = z
  .object({
    code: z.string().min(1).max(1_024),
    /** The event at this door: a ticket for another event is refused. */
    eventId: z.string().regex(EVENT_ID_PATTERN).optional(),
  })
  .strict()
  .openapi('Checkin');

export const CheckinSchema = z
  .object({
    ticketId: z.string(),
    eventId: z.string(),
    seatId: z.string(),
    orderId: z.string(),
    checkedInAt: z.string(),
  })
  .openapi('CheckedIn');

export const checkInRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['checkin'],
  summary: 'Admit a ticket at the door: verifies its signed code, marks it used once',
  security: [{ organizerKey: [] }],
  middleware: [requireScanner] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: CheckinBody } } },
  },
  responses: {
    200: json(z.object({ ticket: CheckinSchema }), 'Admitted'),
    ...errors(400, 401, 403, 409, 410, 413),
  },
});

export const checkInHandler: RouteHandler<typeof checkInRoute, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const ticket = await c.var.services.checkIn({
    code: body.code,
    eventId: body.eventId,
    by: c.var.scanner,
  });
  c.header('cache-control', 'no-store');
  return c.json({ ticket }, 200);
};
