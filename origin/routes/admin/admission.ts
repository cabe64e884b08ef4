import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { admissionConfigPatchSchema } from '../../../edge/waiting-room/config-schema';
import { requireOrganizer } from '../../http/auth';
import type { AppEnv } from '../../http/env';
import { EventIdParam, errors, json, organizerSecurity } from '../schemas';

/**
 * Admission config patch (docs/contracts.md "Admission config"): the edge's own schema, so the
 * admin API accepts exactly what the room store does (adaptive mode and its bounds included).
 * `opensAt` may be epoch ms or ISO 8601 (the console sends ISO); the route hands the service
 * epoch ms. Unknown fields and bad values → 400 `validation_failed` in the one error shape.
 */
const AdmissionConfigSchema = z
  // Rebuilt from the edge's fields: a schema made before zod-openapi extended zod (the edge
  // module may load first) has no `.openapi()`.
  .strictObject(admissionConfigPatchSchema.shape)
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
