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
    origin.reply(() => ({ headers: { 'cache-control': 's-maxage=60' } }));
    const path = unique('/api/catalog/cookies');
    await get(edge, path, { headers: { cookie: 'fg_access=a; theme=dark' } });
    const other = await get(edge, path, { headers: { cookie: 'fg_access=b' } });
    expect(other.xcache, say(other)).toBe('Hit from cloudfront');
    const seen = origin.seen.find((s) => s.url === path);
    expect(seen?.headers.cookie).toBeUndefined();
  });

  it('keys on every query string for the catalog and only on listed ones where allow-listed', async () => {
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

  it('never caches 401 or 409 answers', async () => {
    for (const status of [401, 409]) {
      origin.reply(() => ({ status, headers: { 'cache-control': 's-maxage=60' } }));
      const path = unique('/api/catalog/status');
      await get(edge, path);
      await get(edge, path);
      expect(origin.hits(path), `status ${status}`).toBe(2);
    }
  });

  it('never caches POST, even on a caching behaviour, and still caches GET there', async () => {
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
    const res = await get(edge, '/api/catalog/events', { method: 'POST', body: '{}' });
    expect(res.status, say(res)).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('forbidden');
  });

  it('routes by the first matching path pattern: catalog cached, admin never cached', async () => {
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
