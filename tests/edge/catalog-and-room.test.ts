/**
 * The cache tests for the public, shared paths: the catalog, waiting-room state,
 * invalidation and request collapsing. Each test names the CloudFront rule it checks (CloudFront
 * Developer Guide page in quotes, rule paraphrased).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OriginRequestHandler } from '../../edge/local/edge-handlers';
import type { OriginRequestEvent } from '../../edge/local/lambda-edge-event';
import type { LocalEdge } from '../../edge/local/server';
import { DEV_TOKEN_KEYS } from '../../edge/token/dev-keys';
import { createWaitingRoomHandler } from '../../edge/waiting-room/handler';
import { createMemoryRoomStore } from '../../edge/waiting-room/store/memory';
import { invalidate } from '../../scripts/invalidate';
import {
  fakeClock,
  get,
  type SeenRequest,
  startEdge,
  startTestOrigin,
  type TestOrigin,
} from './fixtures';

/** The catalog's Cache-Control from docs/contracts.md. */
const CATALOG_CACHE_CONTROL = 'public, max-age=0, s-maxage=30, stale-while-revalidate=60';
let origin: TestOrigin;
let edge: LocalEdge;
const clock = fakeClock();
let version = 1;
let lambdaCalls = 0;
/** Every origin-request event the waiting-room Lambda@Edge received. */
const lambdaEvents: OriginRequestEvent[] = [];
let n = 0;
const unique = (p: string) => `${p}-${++n}`;
const say = (r: { status: number; body: string; xcache: string | null }) =>
  `status ${r.status}, x-cache ${r.xcache}, body ${r.body}`;

/** A catalog origin as the contract describes it: s-maxage/SWR and an ETag per version. */
function catalog(req: SeenRequest) {
  const etag = `"v${version}"`;
  const headers = { 'cache-control': CATALOG_CACHE_CONTROL, etag };
  if (req.headers['if-none-match'] === etag) return { status: 304, headers };
  return {
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ url: req.url, version }),
  };
}

beforeAll(async () => {
  const room = createMemoryRoomStore();
  await room.configure('wr-state', {});
  await room.configure('wr-cookie', {});
  const waitingRoom = createWaitingRoomHandler({ store: room, keys: DEV_TOKEN_KEYS });
  const lambda: OriginRequestHandler = (event, context, callback) => {
    lambdaCalls += 1;
    lambdaEvents.push(event);
    return waitingRoom(event as never, context as never, callback as never);
  };
  origin = await startTestOrigin(catalog);
  edge = await startEdge(origin, { now: clock.now, lambda });
});
afterAll(async () => {
  await edge.close();
  await origin.close();
});

describe('catalog through the local edge (CloudFront caching rules)', () => {
  it('misses on the first request and hits on the next, without asking the origin again', async () => {
    // Rule ("How CloudFront delivers content"): an object already in the edge cache is returned
    // from the cache; otherwise CloudFront forwards the request to the origin and caches the answer.
    const path = unique('/api/catalog/events/first');
    const first = await get(edge, path);
    expect(first.xcache, say(first)).toBe('Miss from cloudfront');
    const second = await get(edge, path);
    expect(second.xcache, say(second)).toBe('Hit from cloudfront');
    expect(second.body).toBe(first.body);
    expect(origin.hits(path)).toBe(1);
  });

  it('revalidates an expired object with If-None-Match and refreshes it on 304 (RefreshHit)', async () => {
    // Rule ("Manage how long content stays in the cache"): after the TTL, CloudFront asks the
    // origin with If-None-Match / If-Modified-Since; a 304 refreshes the cached object.
    const path = unique('/api/catalog/events/refresh');
    await get(edge, path);
    clock.advance(91); // past s-maxage=30 and stale-while-revalidate=60
    const refreshed = await get(edge, path);
    expect(refreshed.xcache, say(refreshed)).toBe('RefreshHit from cloudfront');
    const conditional = origin.seen.filter((s) => s.url === path).at(-1);
    expect(conditional?.headers['if-none-match']).toBe(`"v${version}"`);
    const again = await get(edge, path);
    expect(again.xcache, say(again)).toBe('Hit from cloudfront');
    expect(origin.hits(path)).toBe(2);
  });

  it('serves the stale object while it revalidates in the background (stale-while-revalidate)', async () => {
    // Rule ("Serve stale content"): within stale-while-revalidate CloudFront answers with the
    // stale object at once and fetches a fresh one from the origin asynchronously.
    const path = unique('/api/catalog/events/swr');
    const before = version;
    await get(edge, path);
    version += 1;
    clock.advance(35);
    const stale = await get(edge, path);
    expect(stale.xcache, say(stale)).toBe('Hit from cloudfront');
    expect(JSON.parse(stale.body).version).toBe(before);
    await vi.waitFor(() => expect(edge.stats().collapsing.inFlight).toBe(0));
    const fresh = await get(edge, path);
    expect(fresh.xcache, say(fresh)).toBe('Hit from cloudfront');
    expect(JSON.parse(fresh.body).version).toBe(version);
    expect(origin.hits(path)).toBe(2);
  });

  it('makes the next request miss after an invalidation of /api/catalog/events/*', async () => {
    // Rule ("Invalidate files to remove content"): an invalidated object is removed from the
    // edge cache and the next request goes to the origin; `*` at the end matches every path
    // (and query) below it.
    const detail = unique('/api/catalog/events/inv');
    const availability = `${detail}/availability?x=1`;
    const list = '/api/catalog/events';
    for (const p of [detail, availability, list]) await get(edge, p);
    const result = await invalidate(edge.url, ['/api/catalog/events/*']);
    expect(result.objectsRemoved).toBeGreaterThanOrEqual(2);
    expect((await get(edge, detail)).xcache).toBe('Miss from cloudfront');
    expect((await get(edge, availability)).xcache).toBe('Miss from cloudfront');
    // The list itself is not below /api/catalog/events/, so it stays cached.
    expect((await get(edge, list)).xcache).toBe('Hit from cloudfront');
  });

  it('sends 500 simultaneous misses for one object to the origin once (request collapsing)', async () => {
    // Rule ("Simultaneous requests for the same object (request collapsing)"): while the first
    // miss is being fetched, CloudFront holds the others and answers them from that one fetch.
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    origin.reply(async (req) => {
      await gate;
      return catalog(req);
    });
    try {
      const path = unique('/api/catalog/events/storm');
      const all = Promise.all(Array.from({ length: 500 }, () => get(edge, path)));
      await vi.waitFor(() => expect(edge.stats().collapsing.waiting).toBe(499), {
        timeout: 10_000,
      });
      open();
      const results = await all;
      const bad = results.find((r) => r.status !== 200);
      expect(bad, bad && say(bad)).toBeUndefined();
      expect(new Set(results.map((r) => r.body)).size).toBe(1);
      expect(origin.hits(path)).toBe(1);
    } finally {
      origin.reply(catalog);
    }
  });
});

describe('waiting-room state through the local edge (the real Lambda@Edge app)', () => {
  it('caches /wr/{event}/state for at most about one second', async () => {
    // Rule ("Manage how long content stays in the cache"): the TTL is the origin's s-maxage
    // (1 s here), clamped to the cache policy's min/max TTL (0..5 s for the waiting room).
    const calls = lambdaCalls;
    const first = await get(edge, '/wr/wr-state/state');
    expect(first.status, say(first)).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=1');
    expect(first.xcache).toBe('Miss from cloudfront');
    const cached = await get(edge, '/wr/wr-state/state?poll=2');
    expect(cached.xcache, say(cached)).toBe('Hit from cloudfront');
    clock.advance(1);
    const expired = await get(edge, '/wr/wr-state/state');
    expect(expired.xcache, say(expired)).toBe('Miss from cloudfront');
    expect(lambdaCalls - calls).toBe(2);
  });

  it('forwards the fg_ticket cookie to the Lambda@Edge but never keys the state on it', async () => {
    // Rule ("Control origin requests with a policy"): values an origin request policy adds
    // (here the waiting room's cookies) reach the origin-request trigger on a miss but are not
    // part of the cache key, so a second buyer with another ticket gets the cached state.
    const before = lambdaEvents.length;
    const first = await get(edge, '/wr/wr-cookie/state', { headers: { cookie: 'fg_ticket=a' } });
    expect(first.xcache, say(first)).toBe('Miss from cloudfront');
    const second = await get(edge, '/wr/wr-cookie/state', { headers: { cookie: 'fg_ticket=b' } });
    expect(second.xcache, say(second)).toBe('Hit from cloudfront');
    expect(second.body).toBe(first.body);
    const events = lambdaEvents.slice(before);
    expect(events).toHaveLength(1);
    const cookie = events[0]?.Records[0].cf.request.headers.cookie;
    expect(cookie, JSON.stringify(events[0]?.Records[0].cf.request.headers)).toEqual([
      { key: 'Cookie', value: 'fg_ticket=a' },
    ]);
  });

  it('forwards x-request-id to the waiting room (its origin request policy lists it)', async () => {
    // Rule ("Control origin requests with a policy"): only headers the origin request policy
    // lists reach the origin; `x-request-id` is listed, `authorization` cannot be.
    const res = await get(edge, '/wr/wr-state/join', {
      method: 'POST',
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(res.status, say(res)).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('trace-123');
  });
});
