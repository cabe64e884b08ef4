import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env';
import { errors, json } from '../schemas';
import { AccountSchema, LinkToken, toAccount } from './schemas';
import { setSessionCookie } from './session-cookie';

/** Where a browser lands after following the link from the email. */
export const AFTER_SIGN_IN_PATH = '/account';

export const verifyLinkGetRoute = createRoute({
  method: 'get',
  path: '/verify',
  tags: ['account'],
  summary: 'Follow a sign-in link: sets the session cookie and redirects to /account',
  request: { query: z.object({ token: LinkToken }) },
  responses: {
    303: { description: 'Signed in; redirect to "my tickets"' },
    ...errors(400, 401, 409, 410),
  },
});

export const verifyLinkGet: RouteHandler<typeof verifyLinkGetRoute, AppEnv> = async (c) => {
  const { token, session } = await c.var.services.accounts.verifyLink(c.req.valid('query').token);
  setSessionCookie(c, token, session.expiresAt);
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  return c.redirect(AFTER_SIGN_IN_PATH, 303);
};

export const verifyLinkPostRoute = createRoute({
  method: 'post',
  path: '/verify',
  tags: ['account'],
  summary: 'Use a sign-in link token from a page: sets the session cookie, answers the account',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ token: LinkToken }).strict() } },
    },
  },
  responses: {
    200: json(z.object({ account: AccountSchema }), 'Signed in'),
    ...errors(400, 401, 409, 410, 413),
  },
});

export const verifyLinkPost: RouteHandler<typeof verifyLinkPostRoute, AppEnv> = async (c) => {
  const { token, session } = await c.var.services.accounts.verifyLink(c.req.valid('json').token);
  setSessionCookie(c, token, session.expiresAt);
  c.header('cache-control', 'no-store');
  return c.json({ account: toAccount(session) }, 200);
};
