import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env';
import { errors, json } from '../schemas';
import { AccountSchema, cookieSecurity, toAccount } from './schemas';
import { requireBuyer } from './session-cookie';

export const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['account'],
  summary: 'The signed-in buyer (401 when not signed in)',
  security: cookieSecurity,
  responses: { 200: json(z.object({ account: AccountSchema }), 'Signed in'), ...errors(401) },
});

export const me: RouteHandler<typeof meRoute, AppEnv> = async (c) => {
  const session = await requireBuyer(c);
  c.header('cache-control', 'no-store');
  return c.json({ account: toAccount(session) }, 200);
};
