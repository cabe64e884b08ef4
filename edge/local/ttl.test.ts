import { describe, expect, it } from 'vitest';
import { decideTtl, type TtlInput } from './ttl';

const policy = { minTtl: 0, defaultTtl: 60, maxTtl: 300 };
const now = Date.parse('2030-01-01T00:00:00Z');
const decide = (over: Partial<TtlInput>) =>
  decideTtl({ method: 'GET', status: 200, headers: {}, policy, nowMs: now, ...over });

describe('decideTtl', () => {
  it('uses s-maxage over max-age, clamped to the policy bounds', () => {
    expect(decide({ headers: { 'cache-control': 'max-age=0, s-maxage=30' } }).ttl).toBe(30);
    expect(decide({ headers: { 'cache-control': 'max-age=9999' } }).ttl).toBe(300);
    const raised = decide({
      headers: { 'cache-control': 'max-age=5' },
      policy: { ...policy, minTtl: 20 },
    });
    expect(raised.ttl).toBe(20);
  });

  it('uses the default TTL without caching headers', () => {
    expect(decide({})).toMatchObject({ cache: true, ttl: 60 });
  });

  it('uses Expires minus Date when there is no Cache-Control max-age', () => {
    const headers = {
      date: new Date(now).toUTCString(),
      expires: new Date(now + 120_000).toUTCString(),
    };
    expect(decide({ headers }).ttl).toBe(120);
  });

  it('does not cache no-store, no-cache or private when minTtl is 0, but raises them to minTtl', () => {
    for (const cc of ['no-store', 'no-cache', 'private, max-age=60']) {
      expect(decide({ headers: { 'cache-control': cc } }).cache).toBe(false);
    }
    const min = decide({
      headers: { 'cache-control': 'no-store' },
      policy: { ...policy, minTtl: 15 },
    });
    expect(min).toMatchObject({ cache: true, ttl: 15 });
  });

  it('never caches Set-Cookie responses, non-GET methods or a CachingDisabled policy', () => {
    expect(
      decide({ headers: { 'set-cookie': ['a=1'], 'cache-control': 'max-age=60' } }).cache,
    ).toBe(false);
    expect(decide({ method: 'POST', headers: { 'cache-control': 'max-age=60' } }).cache).toBe(
      false,
    );
    const disabled = { minTtl: 0, defaultTtl: 0, maxTtl: 0 };
    expect(decide({ status: 404, policy: disabled }).cache).toBe(false);
  });

  it('caches listed errors for the error-caching minimum TTL or the longer header value', () => {
    expect(decide({ status: 404 })).toMatchObject({ cache: true, ttl: 10 });
    expect(decide({ status: 503, errorCachingMinTtl: 3 })).toMatchObject({ cache: true, ttl: 3 });
    expect(decide({ status: 500, headers: { 'cache-control': 'max-age=60' } }).ttl).toBe(60);
    expect(decide({ status: 502, headers: { 'cache-control': 'no-store' } }).ttl).toBe(10);
    expect(decide({ status: 404, headers: { 'cache-control': 'no-store' } }).cache).toBe(false);
  });

  it('never caches 401, 409, 429 or 206', () => {
    for (const status of [401, 409, 429, 206]) expect(decide({ status }).cache).toBe(false);
  });

  it('reads stale-while-revalidate and stale-if-error', () => {
    const d = decide({
      headers: { 'cache-control': 's-maxage=1, stale-while-revalidate=5, stale-if-error=60' },
    });
    expect(d).toMatchObject({ ttl: 1, staleWhileRevalidate: 5, staleIfError: 60 });
  });

  it('keeps a TTL 0 object only when it can be revalidated', () => {
    const zero = { minTtl: 0, defaultTtl: 0, maxTtl: 60 };
    expect(decide({ policy: zero }).cache).toBe(false);
    expect(decide({ policy: zero, headers: { etag: '"a"' } })).toMatchObject({
      cache: true,
      ttl: 0,
    });
  });
});
