import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { AppEnv } from '../../http/env';
import { sendError } from '../../http/errors';
import { checkReadiness, READY_PROBE_TIMEOUT_MS } from './readiness';

/** Options of {@link systemRoutes}. */
export interface SystemRoutesOptions {
  /** How long `/readyz` waits for each dependency (default {@link READY_PROBE_TIMEOUT_MS}). */
  readyTimeoutMs?: number;
}

/**
 * `/healthz` (liveness: the process answers; the container health check), `/readyz` (readiness,
 * the ALB target groups' check: seat locks, DynamoDB and the waiting-room store answer; 503 in
 * the one error shape otherwise, so the ALB stops sending traffic), `/metrics` (Prometheus).
 */
/** Liveness: the process answers (the container health check). */
export const LIVENESS_PATH = '/healthz';
/** Readiness: its dependencies answer too (the load balancer's target-group check). */
export const READINESS_PATH = '/readyz';

export function systemRoutes(registry: Registry, options: SystemRoutesOptions = {}) {
  return new Hono<AppEnv>()
    .get(LIVENESS_PATH, (c) => c.json({ ok: true }))
    .get(READINESS_PATH, async (c) => {
      c.header('cache-control', 'no-store');
      const { ready, ...checks } = await checkReadiness(
        c.var.services.deps,
        options.readyTimeoutMs ?? READY_PROBE_TIMEOUT_MS,
      );
      if (!ready) {
        const down = Object.entries(checks)
          .filter(([, state]) => state === 'down')
          .map(([name]) => name);
        return sendError(c, 'unavailable', `Not ready: ${down.join(', ')} down`, checks, 2);
      }
      return c.json({ ok: true, ...checks });
    })
    .get('/metrics', async (c) => {
      c.header('content-type', registry.contentType);
      return c.body(await registry.metrics());
    });
}
