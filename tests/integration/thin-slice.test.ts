import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TicketPublicKeys, verifyTicketCode } from '../../origin/domain/ticket-code';
import { runDemoFlow } from '../../scripts/demo-flow';
import { type Stack, startStack } from '../../scripts/stack';
import { redisUrl, uniquePrefix } from '../helpers/redis';

/**
 * The thin slice through every layer, through the local edge: the storefront and catalog are
 * served, and an API client joins, is admitted, holds, pays and reads its confirmed order.
 */
function describeThinSlice(
  name: string,
  options: () => { redisUrl?: string; redisPrefix?: string },
) {
  describe(name, () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ port: 0, inMemory: true, quiet: true, ...options() });
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('serves the storefront page from the storefront origin', async () => {
      const response = await fetch(`${stack.url}/`);
      const html = await response.text();
      expect(response.status, html).toBe(200);
      expect(html).toContain('<div id="app"');
    });

    it('lists the seeded demo event through the edge, cached on the second request', async () => {
      const first = await fetch(`${stack.url}/api/catalog/events`);
      const body = (await first.json()) as { events: { id: string }[] };
      expect(first.status, JSON.stringify(body)).toBe(200);
      expect(body.events.map((e) => e.id)).toContain('demo-arena');
      const second = await fetch(`${stack.url}/api/catalog/events`);
      expect(second.headers.get('x-cache')).toBe('Hit from cloudfront');
    });

    it('refuses a buying request without an access token at the edge, in the one error shape', async () => {
      const response = await fetch(`${stack.url}/api/events/demo-arena/holds`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bestAvailable: { quantity: 1 } }),
      });
      const body = (await response.json()) as { error: { code: string; requestId: string } };
      expect(response.status, JSON.stringify(body)).toBe(401);
      expect(body.error.code).toBe('unauthorized');
      expect(body.error.requestId).toBeTruthy();
    });

    it('takes a buyer from the queue to a confirmed order with signed tickets', async () => {
      const result = await runDemoFlow(stack.url);
      expect(result.status).toBe('CONFIRMED');
      expect(result.seats).toHaveLength(2);
      expect(result.tickets.map((t) => t.seatId).sort()).toEqual([...result.seats].sort());
      // A door scanner's view: the public keys through the edge (no token), then offline checks.
      const keys = await fetch(`${stack.url}/api/catalog/ticket-keys`);
      const jwks = (await keys.json()) as TicketPublicKeys;
      expect(keys.status, JSON.stringify(jwks)).toBe(200);
      for (const ticket of result.tickets) {
        expect((await verifyTicketCode(ticket.code, jwks))?.seatId).toBe(ticket.seatId);
      }
    });
  });
}

describeThinSlice('thin slice on embedded stand-ins (no Redis)', () => ({}));

describe.skipIf(!redisUrl)('with real Redis', () => {
  describeThinSlice('thin slice on real Redis (origin over TCP, edge over Upstash REST)', () => ({
    redisUrl,
    redisPrefix: uniquePrefix('thin-slice'),
  }));
});
