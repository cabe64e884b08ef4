import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEdge } from '../../edge/local/server';
import { fakeClock, get, startEdge, startTestOrigin, type TestOrigin } from './fixtures';
import { testTable } from './table';

let origin: TestOrigin;
let edge: LocalEdge;
const clock = fakeClock();
let n = 0;
const unique = (p: string) => `${p}-${++n}`;

beforeAll(async () => {
  origin = await startTestOrigin();
  edge = await startEdge(origin, { behaviours: testTable, now: clock.now });
});
afterAll(async () => {
  await edge.close();
  await origin.close();
});
afterEach(() => origin.reply(() => ({ body: 'ok' })));

const say = (r: { status: number; body: string; xcache: string | null }) =>
  `status ${r.status}, x-cache ${r.xcache}, body ${r.body}`;

describe('local edge cache rules (CloudFront)', () => {
  it('serves a repeat GET from cache with X-Cache Hit, Age, Via and X-Amz-Cf-Id', async () => {
    // Rule ("How CloudFront delivers content"): a cached object is served from the edge; the
    // response carries Age, Via and X-Amz-Cf-Id, and X-Cache says Hit or Miss from cloudfront.
    origin.reply(() => ({
      headers: { 'cache-control': 'public, max-age=0, s-maxage=30' },
      body: 'events',
    }));
    const path = unique('/api/catalog/events');
    const first = await get(edge, path);
    expect(first.xcache, say(first)).toBe('Miss from cloudfront');
    expect(first.headers.get('age')).toBeNull();
    clock.advance(5);
    const second = await get(edge, path);
    expect(second.xcache, say(second)).toBe('Hit from cloudfront');
    expect(second.headers.get('age')).toBe('5');
    expect(second.body).toBe('events');
    expect(second.headers.get('via')).toMatch(/^1\.1 [0-9a-f]+\.cloudfront\.net \(CloudFront\)$/);
    expect(second.headers.get('x-amz-cf-id')).toMatch(/^[A-Za-z0-9_-]{56}$/);
    expect(origin.hits(path)).toBe(1);
    clock.advance(26);
    const expired = await get(edge, path);
    expect(expired.xcache, say(expired)).toBe('Miss from cloudfront');
    expect(origin.hits(path)).toBe(2);
  });

  it('clamps the origin TTL to the cache policy maximum and raises it to the minimum', async () => {
    // Rule ("Manage how long content stays in the cache (expiration)"): max-age/s-maxage
    // below the policy's minimum TTL is raised to it, above its maximum TTL is lowered to it.
    origin.reply((req) => ({
      headers: { 'cache-control': req.url.includes('long') ? 'max-age=9999' : 'max-age=1' },
    }));
    const long = unique('/clamped/long');
    const short = unique('/clamped/short');
    await get(edge, long);
    await get(edge, short);
    clock.advance(19);
    expect((await get(edge, short)).xcache).toBe('Hit from cloudfront');
    clock.advance(100);
    expect((await get(edge, long)).xcache).toBe('Hit from cloudfront');
    clock.advance(2);
    expect((await get(edge, long)).xcache).toBe('Miss from cloudfront');
    expect(origin.hits(long)).toBe(2);
    expect(origin.hits(short)).toBe(1);
  });

  it('does not cache no-store or private when minTtl is 0, but keeps them for a minTtl > 0', async () => {
    // Rule ("Manage how long content stays in the cache (expiration)"): no-store, no-cache and
    // private are honoured when the minimum TTL is 0; with a minimum TTL > 0 CloudFront caches
    // for the minimum TTL anyway.
    for (const cc of ['no-store', 'private, max-age=60', 'no-cache']) {
      origin.reply(() => ({ headers: { 'cache-control': cc } }));
      const path = unique('/api/catalog/nostore');
      await get(edge, path);
      const again = await get(edge, path);
      expect(again.xcache, `${cc}: ${say(again)}`).toBe('Miss from cloudfront');
      expect(origin.hits(path)).toBe(2);
    }
    origin.reply(() => ({ headers: { 'cache-control': 'no-store' } }));
    const path = unique('/clamped/nostore');
    await get(edge, path);
    expect((await get(edge, path)).xcache).toBe('Hit from cloudfront');
  });

  it('never serves a Set-Cookie response from cache', async () => {
    // Rule ("Cache content based on cookies"): without cookies in the cache key one object
    // serves every viewer, so the local edge never stores a Set-Cookie answer (stricter than
    // CloudFront, which would cache it: our origin must not send one on a cached path).
    let count = 0;
    origin.reply(() => ({
      headers: { 'cache-control': 's-maxage=60', 'set-cookie': `session=${++count}; Path=/` },
    }));
    const path = unique('/api/catalog/cookie');
    const a = await get(edge, path);
    const b = await get(edge, path);
    expect(b.xcache, say(b)).toBe('Miss from cloudfront');
    expect(a.headers.get('set-cookie')).toBe('session=1; Path=/');
    expect(b.headers.get('set-cookie')).toBe('session=2; Path=/');
  });

  it('keys the cache without cookies the policy does not list, and does not forward them', async () => {
    // Rule ("Cache content based on cookies"): by default CloudFront ignores cookies: two
    // requests that differ only in Cookie get the same object, and no cookie reaches the origin.
    origin.reply(() => ({ headers: { 'cache-control': 's-maxage=60' } }));
    const path = unique('/api/catalog/cookies');
    await get(edge, path, { headers: { cookie: 'fg_access=a; theme=dark' } });
    const other = await get(edge, path, { headers: { cookie: 'fg_access=b' } });
    expect(other.xcache, say(other)).toBe('Hit from cloudfront');
    const seen = origin.seen.find((s) => s.url === path);
    expect(seen?.headers.cookie).toBeUndefined();
  });

  it('keys on every query string for the catalog and only on listed ones where allow-listed', async () => {
    // Rule ("Cache content based on query string parameters"): with all query strings the whole
    // string keys the cache; with an allow-list only the listed ones key it and are forwarded.
    origin.reply(() => ({ headers: { 'cache-control': 's-maxage=60' } }));
    const path = unique('/api/catalog/qs');
    await get(edge, `${path}?a=1`);
    expect((await get(edge, `${path}?a=2`)).xcache).toBe('Miss from cloudfront');
    expect((await get(edge, `${path}?a=1`)).xcache).toBe('Hit from cloudfront');
    const clamped = unique('/clamped/qs');
    await get(edge, `${clamped}?page=2&utm=mail`);
    const hit = await get(edge, `${clamped}?page=2&utm=ad`);
    expect(hit.xcache, say(hit)).toBe('Hit from cloudfront');
    expect((await get(edge, `${clamped}?page=3`)).xcache).toBe('Miss from cloudfront');
    expect(origin.seen.filter((s) => s.url.startsWith(clamped)).map((s) => s.url)).toEqual([
      `${clamped}?page=2`,
      `${clamped}?page=3`,
    ]);
  });

  it('caches a 404 for the error-caching minimum TTL (10 s) and says Error', async () => {
    // Rule ("How CloudFront processes HTTP 4xx and 5xx status codes from your origin"): a 404
    // without Cache-Control is cached for the error caching minimum TTL, 10 s by default.
    origin.reply(() => ({ status: 404, body: 'gone' }));
    const path = unique('/api/catalog/missing');
    const first = await get(edge, path);
    expect(first.status).toBe(404);
    expect(first.xcache).toBe('Error from cloudfront');
    clock.advance(9);
    await get(edge, path);
    expect(origin.hits(path)).toBe(1);
    clock.advance(2);
    await get(edge, path);
    expect(origin.hits(path)).toBe(2);
  });

  it('caches errors on CachingDisabled paths only as the custom error responses allow', async () => {
    // Rule ("How CloudFront processes HTTP 4xx and 5xx status codes from your origin"; "Control
    // how long CloudFront caches errors"): errors are cached for the error caching minimum TTL
    // (10 s unless a custom error response sets it) whatever the cache policy; max TTL only
    // caps the origin's max-age. The table sets 0 for 5xx and 403, so they always miss.
    origin.reply(() => ({ status: 503, headers: { 'cache-control': 'no-store' }, body: 'busy' }));
    const busy = unique('/api/orders/busy');
    for (let i = 0; i < 2; i++) {
      const res = await get(edge, busy);
      expect(res.status, say(res)).toBe(503);
    }
    expect(origin.hits(busy)).toBe(2);
    origin.reply(() => ({ status: 404, body: 'no such page' }));
    const missing = unique('/api/orders/missing');
    await get(edge, missing);
    const cached = await get(edge, missing);
    expect(cached.xcache, say(cached)).toBe('Error from cloudfront');
    expect(origin.hits(missing)).toBe(1);
  });

  it('would cache a 503 on a CachingDisabled path for 10 s without custom error responses', async () => {
    // Rule ("Control how long CloudFront caches errors"): CloudFront caches error responses
    // for a default 10 s; the reason the table sets ErrorCachingMinTTL 0 for 5xx.
    const bare = await startEdge(origin, { now: clock.now, errorCaching: [] });
    try {
      origin.reply(() => ({ status: 503, headers: { 'cache-control': 'no-store' } }));
      const path = unique('/api/orders/busy');
      await get(bare, path);
      await get(bare, path);
      expect(origin.hits(path)).toBe(1);
      clock.advance(11);
      await get(bare, path);
      expect(origin.hits(path)).toBe(2);
    } finally {
      await bare.close();
    }
  });

  it('never caches 401 or 409 answers', async () => {
    // Rule ("How CloudFront processes HTTP 4xx and 5xx status codes from your origin"): only
    // the listed status codes are cached; 401 and 409 are not in the list, whatever the headers.
    for (const status of [401, 409]) {
      origin.reply(() => ({ status, headers: { 'cache-control': 's-maxage=60' } }));
      const path = unique('/api/catalog/status');
      await get(edge, path);
      await get(edge, path);
      expect(origin.hits(path), `status ${status}`).toBe(2);
    }
  });

  it('never caches POST, even on a caching behaviour, and still caches GET there', async () => {
    // Rule ("Cache behavior settings", Cached HTTP methods): CloudFront caches responses to GET
    // and HEAD (and OPTIONS if chosen), never to other methods, whatever the cache policy.
    origin.reply(() => ({ headers: { 'cache-control': 's-maxage=60' } }));
    const path = unique('/any/thing');
    const post = () => get(edge, path, { method: 'POST', body: '{"a":1}' });
    expect((await post()).xcache).toBe('Miss from cloudfront');
    expect((await post()).xcache).toBe('Miss from cloudfront');
    expect(origin.hits(path)).toBe(2);
    expect(origin.seen.filter((s) => s.url === path).map((s) => s.body)).toEqual([
      '{"a":1}',
      '{"a":1}',
    ]);
    await get(edge, path);
    expect((await get(edge, path)).xcache).toBe('Hit from cloudfront');
    expect(origin.hits(path)).toBe(3);
  });

  it('refuses methods the behaviour does not allow with 403 in the error shape', async () => {
    // Rule ("Cache behavior settings", Allowed HTTP methods): a method the behaviour does not
    // allow is refused with 403 at the edge and never reaches the origin.
    const res = await get(edge, '/api/catalog/events', { method: 'POST', body: '{}' });
    expect(res.status, say(res)).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('forbidden');
  });

  it('routes by the first matching path pattern: catalog cached, admin never cached', async () => {
    // Rule ("Cache behavior settings", Path pattern): behaviours are evaluated in order, the
    // first matching path pattern wins, and its cache policy decides what is cached.
    origin.reply(() => ({ headers: { 'cache-control': 's-maxage=60' } }));
    const catalog = unique('/api/catalog/p');
    const admin = unique('/api/admin/p');
    for (const p of [catalog, catalog, admin, admin]) await get(edge, p);
    expect(origin.hits(catalog)).toBe(1);
    expect(origin.hits(admin)).toBe(2);
    const stats = edge.stats().behaviours;
    expect(stats['/api/admin/*']?.hits).toBe(0);
    expect(stats['/api/catalog/*']?.hits).toBeGreaterThan(0);
  });
});
