import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { requireOrganizer } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { EventIdParam, errors, json, organizerSecurity } from '../schemas';

/** Admission config (docs/contracts.md "Waiting room"); the room store validates and merges it. */
const AdmissionConfigSchema = z
  .object({
    ratePerMinute: z.number().min(0).max(1_000_000).optional(),
    maxActive: z.number().int().min(0).max(1_000_000).optional(),
    sessionSeconds: z.number().int().min(30).max(86_400).optional(),
    paused: z.boolean().optional(),
    queueAll: z.boolean().optional(),
    opensAt: z.string().nullable().optional(),
  })
  .strict()
  .openapi('AdmissionConfig');

export const getAdmissionRoute = createRoute({
  method: 'get',
  path: '/events/{eventId}/admission',
  tags: ['admin'],
  summary: 'The waiting-room admission config (organizer)',
  security: organizerSecurity,
  middleware: [requireOrganizer] as const,
  request: { params: EventIdParam },
  responses: {
    200: json(z.object({ admission: z.unknown() }), 'Config'),
    ...errors(401, 403, 404),
  },
});

export const getAdmission: RouteHandler<typeof getAdmissionRoute, AppEnv> = async (c) => {
  c.header('cache-control', 'no-store');
  const admission = await c.var.services.admin.getAdmission(c.req.valid('param').eventId);
  return c.json({ admission }, 200);
};

export const putAdmissionRoute = createRoute({
  method: 'put',
  path: '/events/{eventId}/admission',
  tags: ['admin'],
  summary: 'Change admission live: rate, max active, pause, pre-queue (organizer)',
  security: organizerSecurity,
  middleware: [requireOrganizer] as const,
  request: {
    params: EventIdParam,
    body: { required: true, content: { 'application/json': { schema: AdmissionConfigSchema } } },
  },
  responses: {
    200: json(z.object({ admission: z.unknown() }), 'Config'),
    ...errors(400, 401, 403, 404),
  },
});

export const putAdmission: RouteHandler<typeof putAdmissionRoute, AppEnv> = async (c) => {
  const admission = await c.var.services.admin.configureAdmission(
    c.req.valid('param').eventId,
    c.req.valid('json'),
  );
  return c.json({ admission }, 200);
};
