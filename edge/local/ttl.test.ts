import { describe, expect, it } from 'vitest';
import { decideTtl, type TtlInput } from './ttl';

const policy = { minTtl: 0, defaultTtl: 60, maxTtl: 300 };
const now = Date.parse('2030-01-01T00:00:00Z');
const decide = (over: Partial<TtlInput>) =>
  decideTtl({ method: 'GET', status: 200, headers: {}, policy, nowMs: now, ...over });

describe('decideTtl', () => {
  it('uses s-maxage over max-age, clamped to the policy bounds', () => {
    // Rule ("Manage how long content stays in the cache (expiration)"): s-maxage wins over
    // max-age for CloudFront, and the value is clamped to the policy's minimum and maximum TTL.
    expect(decide({ headers: { 'cache-control': 'max-age=0, s-maxage=30' } }).ttl).toBe(30);
    expect(decide({ headers: { 'cache-control': 'max-age=9999' } }).ttl).toBe(300);
    const raised = decide({
      headers: { 'cache-control': 'max-age=5' },
      policy: { ...policy, minTtl: 20 },
    });
    expect(raised.ttl).toBe(20);
  });

  it('uses the default TTL without caching headers', () => {
    // Rule ("Manage how long content stays in the cache (expiration)"): with no Cache-Control
    // or Expires the policy's default TTL applies.
    expect(decide({})).toMatchObject({ cache: true, ttl: 60 });
  });

  it('uses Expires minus Date when there is no Cache-Control max-age', () => {
    // Rule ("Manage how long content stays in the cache (expiration)"): without max-age or
    // s-maxage, Expires decides how long the object stays.
    const headers = {
      date: new Date(now).toUTCString(),
      expires: new Date(now + 120_000).toUTCString(),
    };
    expect(decide({ headers }).ttl).toBe(120);
  });

  it('does not cache no-store, no-cache or private when minTtl is 0, but raises them to minTtl', () => {
    // Rule ("Manage how long content stays in the cache (expiration)"): no-store, no-cache and
    // private are honoured with a minimum TTL of 0; a higher minimum TTL overrides them.
    for (const cc of ['no-store', 'no-cache', 'private, max-age=60']) {
      expect(decide({ headers: { 'cache-control': cc } }).cache).toBe(false);
    }
    const min = decide({
      headers: { 'cache-control': 'no-store' },
      policy: { ...policy, minTtl: 15 },
    });
    expect(min).toMatchObject({ cache: true, ttl: 15 });
  });

  it('never caches Set-Cookie responses, non-GET methods or a 200 under a CachingDisabled policy', () => {
    // Rule ("Use managed cache policies", CachingDisabled; "Cache behavior settings", Cached
    // HTTP methods): max TTL 0 stores no normal response, and only GET/HEAD are cached. Set-Cookie
    // answers are refused locally (stricter than CloudFront).
    expect(
      decide({ headers: { 'set-cookie': ['a=1'], 'cache-control': 'max-age=60' } }).cache,
    ).toBe(false);
    expect(decide({ method: 'POST', headers: { 'cache-control': 'max-age=60' } }).cache).toBe(
      false,
    );
    const disabled = { minTtl: 0, defaultTtl: 0, maxTtl: 0 };
    expect(decide({ policy: disabled, headers: { 'cache-control': 'max-age=60' } }).cache).toBe(
      false,
    );
  });

  it('caches errors under CachingDisabled for the error caching minimum TTL alone', () => {
    // Rule ("Control how long CloudFront caches errors"): errors are cached for the larger of
    // the error caching minimum TTL and the header TTL, which cannot exceed the max TTL; a
    // custom error response sets the minimum per status code.
    const disabled = { minTtl: 0, defaultTtl: 0, maxTtl: 0 };
    const headers = { 'cache-control': 'max-age=60' };
    expect(decide({ status: 503, policy: disabled, headers })).toMatchObject({ ttl: 10 });
    const errorCaching = [{ status: 503, minTtl: 0 }];
    expect(decide({ status: 503, policy: disabled, errorCaching }).cache).toBe(false);
    expect(decide({ status: 502, policy: disabled, errorCaching })).toMatchObject({ ttl: 10 });
    expect(decide({ status: 503, errorCaching, headers }).ttl).toBe(60);
  });

  it('caches listed errors for the error-caching minimum TTL or the longer header value', () => {
    // Rule ("Control how long CloudFront caches errors"): 10 s by default, or the origin's
    // max-age when longer; no-store prevents it only for 404, 410, 414 and 501.
    expect(decide({ status: 404 })).toMatchObject({ cache: true, ttl: 10 });
    expect(decide({ status: 503, errorCachingMinTtl: 3 })).toMatchObject({ cache: true, ttl: 3 });
    expect(decide({ status: 500, headers: { 'cache-control': 'max-age=60' } }).ttl).toBe(60);
    expect(decide({ status: 502, headers: { 'cache-control': 'no-store' } }).ttl).toBe(10);
    expect(decide({ status: 404, headers: { 'cache-control': 'no-store' } }).cache).toBe(false);
  });

  it('never caches 401, 409, 429 or 206', () => {
    // Rule ("How CloudFront processes HTTP 4xx and 5xx status codes from your origin"): only
    // the listed error codes are cached. 206: the local edge implements no range GETs, so it
    // stores no partial response (CloudFront caches ranges; not needed here).
    for (const status of [401, 409, 429, 206]) expect(decide({ status }).cache).toBe(false);
  });

  it('reads stale-while-revalidate and stale-if-error', () => {
    // Rule ("Manage how long content stays in the cache (expiration)"): CloudFront honours the
    // stale-while-revalidate and stale-if-error directives.
    const d = decide({
      headers: { 'cache-control': 's-maxage=1, stale-while-revalidate=5, stale-if-error=60' },
    });
    expect(d).toMatchObject({ ttl: 1, staleWhileRevalidate: 5, staleIfError: 60 });
  });

  it('keeps a TTL 0 object only when it can be revalidated', () => {
    // Rule ("Manage how long content stays in the cache (expiration)"): with TTL 0 CloudFront
    // may keep the object but revalidates it with the origin on every request.
    const zero = { minTtl: 0, defaultTtl: 0, maxTtl: 60 };
    expect(decide({ policy: zero }).cache).toBe(false);
    expect(decide({ policy: zero, headers: { etag: '"a"' } })).toMatchObject({
      cache: true,
      ttl: 0,
    });
  });
});
