import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env';
import { clearSessionCookie, readSessionCookie } from './session-cookie';

export const signOutRoute = createRoute({
  method: 'post',
  path: '/sign-out',
  tags: ['account'],
  summary: 'End the session (idempotent: 204 also when not signed in)',
  responses: { 204: { description: 'Signed out' } },
});

export const signOut: RouteHandler<typeof signOutRoute, AppEnv> = async (c) => {
  await c.var.services.accounts.signOut(readSessionCookie(c));
  clearSessionCookie(c);
  c.header('cache-control', 'no-store');
  return c.body(null, 204);
};
