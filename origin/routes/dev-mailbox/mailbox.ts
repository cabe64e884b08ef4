import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../../../common/errors';
import { MAIL_ID_PATTERN } from '../../adapters/mail/types';
import { MAX_EMAIL_LENGTH, normalizeEmail } from '../../domain/email-address';
import type { AppEnv } from '../../http/env';
import { errors, json } from '../schemas';

/** 404 unless the dev mailbox is on (never in production). */
function requireDevMailbox(c: Context<AppEnv>): void {
  if (!c.var.services.deps.accounts.devMailbox) {
    throw new AppError('not_found', `No route for ${c.req.method} ${c.req.path}`);
  }
}

export const MailSummarySchema = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    kind: z.string(),
    createdAt: z.string(),
    /** The message as HTML: `/api/dev/mailbox/{id}`. */
    href: z.string(),
  })
  .openapi('MailSummary');

export const listMailRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['dev'],
  summary: 'The local mailbox: every email the origin sent, newest first (not in production)',
  request: {
    query: z.object({
      to: z.email().max(MAX_EMAIL_LENGTH).optional(),
      limit: z.coerce.number().int().min(1).max(500).optional(),
    }),
  },
  responses: {
    200: json(z.object({ messages: z.array(MailSummarySchema) }), 'Messages'),
    ...errors(400, 404),
  },
});

export const listMail: RouteHandler<typeof listMailRoute, AppEnv> = async (c) => {
  requireDevMailbox(c);
  const { to, limit } = c.req.valid('query');
  const all = await c.var.services.deps.mailbox.list(to ? 500 : (limit ?? 100));
  const wanted = to
    ? all.filter((m) => normalizeEmail(m.to) === normalizeEmail(to)).slice(0, limit ?? 100)
    : all;
  c.header('cache-control', 'no-store');
  return c.json(
    {
      messages: wanted.map((m) => ({
        ...m,
        createdAt: new Date(m.createdAt).toISOString(),
        href: `/api/dev/mailbox/${m.id}`,
      })),
    },
    200,
  );
};

export const getMailRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['dev'],
  summary: 'One email as the buyer would see it (HTML; not in production)',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(MAIL_ID_PATTERN)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: {
    200: { description: 'The HTML message', content: { 'text/html': { schema: z.string() } } },
    ...errors(400, 404),
  },
});

export const getMail: RouteHandler<typeof getMailRoute, AppEnv> = async (c) => {
  requireDevMailbox(c);
  const message = await c.var.services.deps.mailbox.get(c.req.valid('param').id);
  if (!message) throw new AppError('not_found', 'No such message in the local mailbox');
  return c.body(message.html, 200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The message is shown as it is, but it can run nothing and load nothing from elsewhere.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'self'",
    'x-content-type-options': 'nosniff',
  });
};
