/**
 * The origin purges the local edge after an organizer change, end to end: the stack of
 * `npm start` (real origin, embedded DynamoDB, the local edge in front), with the origin in this
 * process and forked as a worker (the `--workers` path, which needs real Redis).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEventDefinition } from '../../origin/domain/venue-generator';
import { type Stack, type StackOptions, startStack } from '../../scripts/stack';
import { redisUrl, uniquePrefix } from '../helpers/redis';

const ORGANIZER = { authorization: 'Bearer dev-organizer-key', 'content-type': 'application/json' };
let n = 0;

async function getDetail(stack: Stack, eventId: string) {
  const res = await fetch(`${stack.url}/api/catalog/events/${eventId}`);
  const text = await res.text();
  const say = `status ${res.status}, x-cache ${res.headers.get('x-cache')}, body ${text.slice(0, 300)}`;
  expect(res.status, say).toBe(200);
  const name = (JSON.parse(text) as { event: { name: string } }).event.name;
  return { xcache: res.headers.get('x-cache'), name, say };
}

async function organizer(stack: Stack, method: 'POST' | 'PUT', path: string, body: unknown) {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: ORGANIZER,
    body: JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.ok, `${method} ${path}: ${res.status} ${text.slice(0, 300)}`).toBe(true);
}

function describeInvalidation(name: string, options: () => Partial<StackOptions>) {
  describe(name, () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ port: 0, inMemory: true, quiet: true, ...options() });
    }, 60_000);
    afterAll(async () => {
      await stack?.close();
    });

    it('makes the next request for the event page miss, with the new data, after PUT /api/admin/events/:id', async () => {
      // Rule ("Invalidate files"): an invalidated object is removed from the edge caches, and the
      // next viewer request for it goes to the origin. The origin asks for one itself
      // (`/api/catalog/events/{id}*`) whenever an organizer changes an event.
      const definition = { ...demoEventDefinition(new Date()), id: `purge-${process.pid}-${++n}` };
      await organizer(stack, 'POST', '/api/admin/events', definition);
      const first = await getDetail(stack, definition.id);
      expect(first.xcache, first.say).toBe('Miss from cloudfront');
      const cached = await getDetail(stack, definition.id);
      expect(cached.xcache, cached.say).toBe('Hit from cloudfront');
      expect(cached.name).toBe(definition.name);

      const renamed = { ...definition, name: `${definition.name} (moved to a bigger hall)` };
      await organizer(stack, 'PUT', `/api/admin/events/${definition.id}`, renamed);
      const after = await getDetail(stack, definition.id);
      expect(after.xcache, after.say).toBe('Miss from cloudfront');
      expect(after.name).toBe(renamed.name);
      const again = await getDetail(stack, definition.id);
      expect(again.xcache, again.say).toBe('Hit from cloudfront');
    });
  });
}

describeInvalidation(
  'the origin in the same process purges the local edge (npm start)',
  () => ({}),
);

describe.skipIf(!redisUrl)('a forked origin worker purges the local edge through EDGE_URL', () => {
  describeInvalidation('npm start -- --workers', () => ({
    forkOrigin: true,
    redisUrl,
    redisPrefix: uniquePrefix('edge-purge'),
  }));
});
