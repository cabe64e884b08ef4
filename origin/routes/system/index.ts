import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { AppEnv } from '../../http/env';
import { sendError } from '../../http/errors';

/**
 * `/healthz` (liveness: the process answers), `/readyz` (Redis or memory locks and DynamoDB
 * answer; 503 in the one shape otherwise, so the ALB stops sending traffic), `/metrics`.
 */
export function systemRoutes(registry: Registry) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ ok: true }))
    .get('/readyz', async (c) => {
      const { deps } = c.var.services;
      const checks = await Promise.allSettled([deps.locks.ping(), deps.store.ping()]);
      const [locks, dynamo] = checks.map((r) => (r.status === 'fulfilled' ? 'ok' : 'down'));
      if (locks !== 'ok' || dynamo !== 'ok') {
        return sendError(c, 'unavailable', 'Not ready', { locks, dynamo }, 2);
      }
      return c.json({ ok: true, locks, dynamo });
    })
    .get('/metrics', async (c) => {
      c.header('content-type', registry.contentType);
      return c.body(await registry.metrics());
    });
}
