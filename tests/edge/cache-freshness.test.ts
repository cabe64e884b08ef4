import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalEdge } from '../../edge/local/server';
import { invalidate } from '../../scripts/invalidate';
import {
  fakeClock,
  get,
  type OriginReply,
  startEdge,
  startTestOrigin,
  type TestOrigin,
} from './fixtures';
import { testTable } from './table';

let origin: TestOrigin;
let edge: LocalEdge;
const clock = fakeClock();
let n = 0;
const unique = (p: string) => `${p}-${++n}`;
const say = (r: { status: number; body: string; xcache: string | null }) =>
  `status ${r.status}, x-cache ${r.xcache}, body ${r.body}`;

beforeAll(async () => {
  origin = await startTestOrigin();
  edge = await startEdge(origin, { behaviours: testTable, now: clock.now });
});
afterAll(async () => {
  await edge.close();
  await origin.close();
});

describe('local edge freshness, collapsing and invalidation', () => {
  it('collapses simultaneous misses for one key into a single origin request', async () => {
    // Rule ("Request and response behavior for custom origins", Simultaneous requests for the
    // same object (request collapsing)): while one miss is fetched, CloudFront holds the other
    // requests for that key and answers them from the same origin response.
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    origin.reply(async () => {
      await gate;
      return { headers: { 'cache-control': 's-maxage=60' }, body: 'collapsed' };
    });
    const path = unique('/api/catalog/collapse');
    const all = Promise.all(Array.from({ length: 20 }, () => get(edge, path)));
    await vi.waitFor(() => expect(edge.stats().collapsing.waiting).toBe(19), { timeout: 5000 });
    open();
    const results = await all;
    expect(results.every((r) => r.status === 200 && r.body === 'collapsed')).toBe(true);
    expect(origin.hits(path)).toBe(1);
    expect(edge.stats().behaviours['/api/catalog/*']?.collapsed).toBeGreaterThanOrEqual(19);
  });

  it('serves stale while revalidating in the background (stale-while-revalidate)', async () => {
    // Rule ("Manage how long content stays in the cache (expiration)", stale-while-revalidate):
    // within the window after expiry CloudFront serves the stale object and refreshes it
    // asynchronously; past the window the next request waits for the origin.
    let version = 0;
    origin.reply(() => ({
      headers: { 'cache-control': 's-maxage=1, stale-while-revalidate=30' },
      body: `v${++version}`,
    }));
    const path = unique('/api/catalog/swr');
    expect((await get(edge, path)).body).toBe('v1');
    clock.advance(5);
    const stale = await get(edge, path);
    expect(stale.body, say(stale)).toBe('v1');
    expect(stale.xcache).toBe('Hit from cloudfront');
    await vi.waitFor(() => expect(edge.stats().collapsing.inFlight).toBe(0));
    expect(origin.hits(path)).toBe(2);
    const fresh = await get(edge, path);
    expect(fresh.body, say(fresh)).toBe('v2');
    expect(fresh.xcache).toBe('Hit from cloudfront');
    clock.advance(40);
    const tooOld = await get(edge, path);
    expect(tooOld.xcache, say(tooOld)).toBe('Miss from cloudfront');
    expect(tooOld.body).toBe('v3');
  });

  it('serves stale content when the origin fails within stale-if-error, then the error', async () => {
    // Rule ("Manage how long content stays in the cache (expiration)", stale-if-error): when the
    // origin answers 5xx or cannot be reached, CloudFront serves the stale object within the
    // window; after it, the viewer gets the error.
    origin.reply(() => ({
      headers: { 'cache-control': 's-maxage=1, stale-if-error=60' },
      body: 'good',
    }));
    const path = unique('/api/catalog/sie');
    await get(edge, path);
    origin.reply(() => ({ status: 503, body: 'down' }));
    clock.advance(10);
    const rescued = await get(edge, path);
    expect(rescued.status, say(rescued)).toBe(200);
    expect(rescued.body).toBe('good');
    clock.advance(60);
    const failed = await get(edge, path);
    expect(failed.status, say(failed)).toBe(503);
    expect(failed.xcache).toBe('Error from cloudfront');
  });

  it('revalidates an expired object with If-None-Match and answers RefreshHit on 304', async () => {
    // Rule ("Request and response behavior for custom origins", Conditional requests): for an
    // expired object CloudFront sends If-None-Match with the stored ETag; a 304 refreshes it
    // (X-Cache: RefreshHit from cloudfront, Age restarts at 0).
    origin.reply((req) =>
      req.headers['if-none-match'] === '"v1"'
        ? { status: 304, headers: { etag: '"v1"', 'cache-control': 's-maxage=1' } }
        : { headers: { etag: '"v1"', 'cache-control': 's-maxage=1' }, body: 'same' },
    );
    const path = unique('/api/catalog/revalidate');
    await get(edge, path);
    clock.advance(3);
    const refreshed = await get(edge, path);
    expect(refreshed.xcache, say(refreshed)).toBe('RefreshHit from cloudfront');
    expect(refreshed.body).toBe('same');
    expect(refreshed.headers.get('age')).toBe('0');
    const conditional = origin.seen.filter((s) => s.url === path)[1];
    expect(conditional?.headers['if-none-match']).toBe('"v1"');
    expect((await get(edge, path)).xcache).toBe('Hit from cloudfront');
  });

  it('revalidates an object that has only Last-Modified with If-Modified-Since (RefreshHit on 304)', async () => {
    // Rule ("Request and response behavior for custom origins", Conditional requests): for an
    // expired object CloudFront adds If-Modified-Since with the object's Last-Modified value,
    // and an origin 304 refreshes the cached copy instead of sending it again.
    const lastModified = 'Wed, 01 Jan 2025 00:00:00 GMT';
    origin.reply(
      (req): OriginReply =>
        req.headers['if-modified-since'] === lastModified
          ? { status: 304, headers: { 'cache-control': 's-maxage=1' } }
          : {
              headers: { 'cache-control': 's-maxage=1', 'last-modified': lastModified },
              body: 'dated',
            },
    );
    const path = unique('/api/catalog/dated');
    const first = await get(edge, path);
    expect(first.xcache, say(first)).toBe('Miss from cloudfront');
    expect(first.headers.get('etag')).toBeNull();
    clock.advance(3);
    const refreshed = await get(edge, path);
    expect(refreshed.xcache, say(refreshed)).toBe('RefreshHit from cloudfront');
    expect(refreshed.body).toBe('dated');
    const conditional = origin.seen.filter((s) => s.url === path)[1];
    expect(conditional?.headers['if-modified-since']).toBe(lastModified);
    expect(conditional?.headers['if-none-match']).toBeUndefined();
    expect((await get(edge, path)).xcache).toBe('Hit from cloudfront');
    expect(origin.hits(path)).toBe(2);
  });

  it("answers a viewer's If-Modified-Since with 304 unless the cached object is newer", async () => {
    // Rule ("Request and response behavior for custom origins", Conditional requests; RFC 9110
    // §13.1.3): a cache answers a viewer's conditional GET from the stored validators: 304
    // when Last-Modified is not later than If-Modified-Since, the full object when it is.
    const lastModified = 'Wed, 01 Jan 2025 00:00:00 GMT';
    origin.reply(() => ({
      headers: { 'cache-control': 's-maxage=60', 'last-modified': lastModified },
      body: 'dated',
    }));
    const path = unique('/api/catalog/viewer-ims');
    await get(edge, path);
    const same = await get(edge, path, { headers: { 'if-modified-since': lastModified } });
    expect(same.status, say(same)).toBe(304);
    expect(same.xcache).toBe('Hit from cloudfront');
    expect(same.body).toBe('');
    const later = await get(edge, path, {
      headers: { 'if-modified-since': 'Thu, 02 Jan 2025 00:00:00 GMT' },
    });
    expect(later.status, say(later)).toBe(304);
    const earlier = await get(edge, path, {
      headers: { 'if-modified-since': 'Tue, 31 Dec 2024 23:59:59 GMT' },
    });
    expect(earlier.status, say(earlier)).toBe(200);
    expect(earlier.body).toBe('dated');
    const garbage = await get(edge, path, { headers: { 'if-modified-since': 'yesterday' } });
    expect(garbage.status, say(garbage)).toBe(200);
    expect(origin.hits(path)).toBe(1);
  });

  it('invalidates by wildcard through POST /_edge/invalidations and the CLI helper', async () => {
    // Rule ("What you need to know when invalidating paths"): a * at the end matches any
    // characters, query strings included; other paths keep their objects.
    origin.reply(() => ({ headers: { 'cache-control': 's-maxage=600' } }));
    const a = unique('/api/catalog/inv');
    const b = unique('/api/catalog/inv');
    const page = unique('/clamped/keep');
    for (const p of [a, `${b}?page=2`, page]) await get(edge, p);
    const res = await fetch(`${edge.url}/_edge/invalidations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ paths: ['/api/catalog/inv*'] }),
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.invalidation).toMatchObject({ status: 'Completed', objectsRemoved: 2 });
    expect((await get(edge, a)).xcache).toBe('Miss from cloudfront');
    expect((await get(edge, `${b}?page=2`)).xcache).toBe('Miss from cloudfront');
    expect((await get(edge, page)).xcache).toBe('Hit from cloudfront');
    const viaCli = await invalidate(edge.url, ['/clamped/*']);
    expect(viaCli.objectsRemoved).toBe(1);
    expect((await get(edge, page)).xcache).toBe('Miss from cloudfront');
  });

  it('rejects an invalidation without paths in the error shape', async () => {
    // Rule ("Invalidate files to remove content"; API CreateInvalidation): an invalidation
    // batch names at least one path; the local admin endpoint refuses an empty one.
    const res = await fetch(`${edge.url}/_edge/invalidations`, {
      method: 'POST',
      body: '{"paths":[]}',
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.error.code).toBe('validation_failed');
  });

  it('reports hits, misses and the hit ratio per behaviour at GET /_edge/stats', async () => {
    // Rule ("View CloudFront cache statistics reports"): the cache hit ratio counts Hit and
    // RefreshHit against every cacheable request; the local report computes it the same way.
    const res = await fetch(`${edge.url}/_edge/stats`);
    const stats = await res.json();
    const catalog = stats.behaviours['/api/catalog/*'];
    expect(catalog.hits + catalog.misses).toBeGreaterThan(0);
    expect(catalog.hitRatio).toBeCloseTo(
      (catalog.hits + catalog.refreshHits) / (catalog.hits + catalog.refreshHits + catalog.misses),
    );
    expect(stats.total.requests).toBeGreaterThan(0);
  });
});
