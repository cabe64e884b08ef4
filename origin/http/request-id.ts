import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env';

const SANE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Request ids per docs/contracts.md: the client's `x-request-id` if sane, else a new UUID;
 * echoed back as `x-request-id` and used in every error body.
 */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const given = c.req.header('x-request-id');
  const id = given && SANE_ID.test(given) ? given : crypto.randomUUID();
  c.set('requestId', id);
  c.header('x-request-id', id);
  await next();
});
