import type { RouteHandler } from '@hono/zod-openapi';
import { createRoute, z } from '@hono/zod-openapi';
import { cachedJson } from '../../http/cache';
import type { AppEnv } from '../../http/env';
import { json } from '../schemas';

/**
 * Scanners refresh the set every few minutes; a new signing key is published (listed, not
 * active) longer than this before it becomes active, so offline scanners always know it.
 */
export const TICKET_KEYS_CACHE = 'public, max-age=300, s-maxage=300, stale-while-revalidate=3600';

const PublicJwkSchema = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string(),
    kid: z.string(),
    alg: z.literal('EdDSA'),
    use: z.literal('sig'),
  })
  .openapi('TicketPublicKey');

export const getTicketKeysRoute = createRoute({
  method: 'get',
  path: '/ticket-keys',
  tags: ['catalog'],
  summary: 'Public Ed25519 keys (JWK Set, by kid) that verify ticket codes offline',
  description:
    'Door scanners fetch this JWK Set and verify each ticket code (a compact EdDSA JWS, `typ: fg-ticket`) against the key named by its `kid`. Public keys only: nothing here can sign.',
  responses: {
    200: json(z.object({ keys: z.array(PublicJwkSchema) }), 'The JWK Set'),
  },
});

export const getTicketKeys: RouteHandler<typeof getTicketKeysRoute, AppEnv> = async (c) => {
  const { publicKeys } = c.var.services.deps.ticketKeys;
  return cachedJson(c, publicKeys, TICKET_KEYS_CACHE) as never;
};
