import { describe, expect, it } from 'vitest';
import {
  ageOf,
  type CachedObject,
  CacheStore,
  isFresh,
  withinStaleWhileRevalidate,
} from './cache-store';

function obj(key: string, path = key, querystring = '', bytes = 10): CachedObject {
  return {
    key,
    path,
    querystring,
    response: { status: 200, headers: {}, body: Buffer.alloc(bytes) },
    storedAtMs: 1_000_000,
    ttl: 10,
    staleWhileRevalidate: 5,
    staleIfError: 0,
    validators: {},
  };
}

describe('CacheStore', () => {
  it('evicts the least recently used object when over its byte budget', () => {
    // Rule ("Manage how long content stays in the cache (expiration)"): an object that is not
    // requested often may be evicted before it expires to make room for others.
    const store = new CacheStore({ maxBytes: 3 * (100 + 512 + 2) });
    store.set(obj('/a', '/a', '', 100));
    store.set(obj('/b', '/b', '', 100));
    store.set(obj('/c', '/c', '', 100));
    store.get('/a');
    store.set(obj('/d', '/d', '', 100));
    expect(store.get('/b')).toBeUndefined();
    expect(store.get('/a')).toBeDefined();
    expect(store.size).toBe(3);
  });

  it('evicts beyond maxEntries', () => {
    // Rule ("Manage how long content stays in the cache (expiration)"): CloudFront may evict
    // objects before their expiry; the local edge bounds its cache the same way.
    const store = new CacheStore({ maxEntries: 2 });
    for (const k of ['/1', '/2', '/3']) store.set(obj(k));
    expect(store.get('/1')).toBeUndefined();
    expect(store.size).toBe(2);
  });

  it('invalidates by wildcard, including query-string variants, case-sensitively', () => {
    // Rule ("What you need to know when invalidating paths"): paths are case-sensitive, and a *
    // at the end matches any characters, query strings included.
    const store = new CacheStore();
    store.set(obj('k1', '/api/catalog/events'));
    store.set(obj('k2', '/api/catalog/events', 'page=2'));
    store.set(obj('k3', '/api/Catalog/events'));
    store.set(obj('k4', '/index.html'));
    expect(store.invalidate(['/api/catalog/*'])).toBe(2);
    expect(store.get('k3')).toBeDefined();
    expect(store.get('k4')).toBeDefined();
  });

  it('invalidates an exact path without its query-string variants, which need their own path', () => {
    // Rule ("What you need to know when invalidating paths", Forwarding query strings): when
    // query strings are forwarded, an invalidation must name them (or end in *) to remove them.
    const store = new CacheStore();
    store.set(obj('k1', '/a'));
    store.set(obj('k2', '/a', 'x=1'));
    store.set(obj('k3', '/ab'));
    expect(store.invalidate(['/a'])).toBe(1);
    expect(store.get('k2')).toBeDefined();
    expect(store.invalidate(['/a?x=1'])).toBe(1);
    expect(store.invalidate(['/*'])).toBe(1);
  });

  it('refuses to store a fetch that started before an invalidation', () => {
    // Rule ("Invalidate files to remove content"): after an invalidation the next request gets
    // the origin's current object, so a response fetched before it must not be stored.
    const store = new CacheStore();
    const epoch = store.invalidationEpoch;
    store.invalidate(['/*']);
    expect(store.set(obj('/late'), epoch)).toBe(false);
    expect(store.get('/late')).toBeUndefined();
  });
});

describe('freshness', () => {
  it('ages in whole seconds and is fresh for ttl, then stale within stale-while-revalidate', () => {
    // Rule ("Manage how long content stays in the cache (expiration)"): an object is fresh for
    // its TTL (Age in whole seconds), then servable stale within stale-while-revalidate.
    const o = obj('/x');
    expect(ageOf(o, 1_002_500)).toBe(2);
    expect(isFresh(o, 1_009_999)).toBe(true);
    expect(isFresh(o, 1_010_000)).toBe(false);
    expect(withinStaleWhileRevalidate(o, 1_014_999)).toBe(true);
    expect(withinStaleWhileRevalidate(o, 1_015_000)).toBe(false);
  });
});
