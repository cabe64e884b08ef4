import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env';
import { errors, json } from '../schemas';
import { EmailBody } from './schemas';

export const signInRoute = createRoute({
  method: 'post',
  path: '/sign-in',
  tags: ['account'],
  summary:
    'Email a single-use sign-in link (always 202: nothing tells whether the address is known)',
  request: { body: { required: true, content: { 'application/json': { schema: EmailBody } } } },
  responses: {
    202: json(
      z.object({ status: z.literal('sent'), message: z.string() }),
      'Link sent if possible',
    ),
    ...errors(400, 413, 503),
  },
});

export const signIn: RouteHandler<typeof signInRoute, AppEnv> = async (c) => {
  const { email } = c.req.valid('json');
  // The Origin header only ever counts for a loopback address outside production (settings.ts).
  await c.var.services.accounts.requestSignIn(email, c.req.header('origin'));
  c.header('cache-control', 'no-store');
  return c.json(
    {
      status: 'sent' as const,
      message: 'If this address can receive email, a sign-in link is on its way (valid 15 minutes)',
    },
    202,
  );
};
