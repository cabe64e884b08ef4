import { describe, expect, it } from 'vitest';
import { type CachePolicySpec, catalogCache, waitingRoomCache } from '../behaviours';
import { cacheKey, normaliseAcceptEncoding, selectQueryString } from './cache-key';
import type { EdgeRequest } from './http-types';

function req(path: string, querystring = '', headers: Record<string, string> = {}): EdgeRequest {
  return { method: 'GET', path, querystring, headers, body: Buffer.alloc(0), clientIp: '1.2.3.4' };
}

describe('cacheKey', () => {
  it('ignores cookies and headers that the cache policy does not list', () => {
    // Rule ("Control the cache key with a policy"): only the headers, cookies and query strings
    // a cache policy lists are in the cache key; everything else is ignored for caching.
    const a = cacheKey(
      req('/wr/x/state', '', { cookie: 'fg_ticket=a', 'user-agent': 'A' }),
      waitingRoomCache,
    );
    const b = cacheKey(
      req('/wr/x/state', '', { cookie: 'fg_ticket=b', 'user-agent': 'B' }),
      waitingRoomCache,
    );
    expect(a).toBe(b);
  });

  it('keys on the query string when the policy includes all, keeping order', () => {
    // Rule ("Cache content based on query string parameters"): with all query strings in the
    // key, different values or a different parameter order make different objects.
    const base = cacheKey(req('/api/catalog/events'), catalogCache);
    const one = cacheKey(req('/api/catalog/events', 'a=1&b=2'), catalogCache);
    const swapped = cacheKey(req('/api/catalog/events', 'b=2&a=1'), catalogCache);
    expect(new Set([base, one, swapped]).size).toBe(3);
  });

  it('drops the query string when the policy includes none', () => {
    // Rule ("Control the cache key with a policy", Query strings: None): no query string is in
    // the cache key, so ?nocache=1 cannot bypass the cache.
    expect(cacheKey(req('/wr/x/state', 'nocache=1'), waitingRoomCache)).toBe(
      cacheKey(req('/wr/x/state'), waitingRoomCache),
    );
  });

  it('keys on listed headers and cookies only', () => {
    // Rule ("Control the cache key with a policy"): listed headers and cookies key the cache by
    // value; other cookies and cookie order do not.
    const policy: CachePolicySpec = {
      ...catalogCache,
      headers: { allow: ['x-lang'] },
      cookies: { allow: ['tier'] },
    };
    const k = (h: Record<string, string>) => cacheKey(req('/p', '', h), policy);
    expect(k({ 'x-lang': 'en' })).not.toBe(k({ 'x-lang': 'fr' }));
    expect(k({ cookie: 'tier=gold; other=1' })).toBe(k({ cookie: 'other=2; tier=gold' }));
    expect(k({ cookie: 'tier=gold' })).not.toBe(k({ cookie: 'tier=silver' }));
  });

  it('splits on the normalised Accept-Encoding only', () => {
    // Rule ("Serve compressed files"): with Gzip/Brotli enabled CloudFront normalises
    // Accept-Encoding (gzip, br, or both) and keys on that, not on the viewer's raw header.
    const k = (ae: string) => cacheKey(req('/p', '', { 'accept-encoding': ae }), catalogCache);
    expect(k('gzip, deflate, br')).toBe(k('br;q=0.9, gzip'));
    expect(k('gzip')).not.toBe(k('gzip, br'));
    expect(k('deflate')).toBe(cacheKey(req('/p'), catalogCache));
  });
});

describe('normaliseAcceptEncoding', () => {
  it('keeps only the encodings the policy enables and honours q=0', () => {
    // Rule ("Serve compressed files"): only the encodings the cache policy enables survive
    // normalisation; an encoding the viewer refuses (q=0) is dropped.
    expect(normaliseAcceptEncoding('gzip, br', { gzip: true, brotli: true })).toBe('br,gzip');
    expect(normaliseAcceptEncoding('gzip, br', { gzip: true, brotli: false })).toBe('gzip');
    expect(normaliseAcceptEncoding('gzip;q=0, br', { gzip: true, brotli: true })).toBe('br');
    expect(normaliseAcceptEncoding('gzip', { gzip: false, brotli: false })).toBeUndefined();
  });
});

describe('selectQueryString', () => {
  it('keeps allow-listed names in viewer order', () => {
    // Rule ("Cache content based on query string parameters"): with an allow-list only the
    // named parameters are kept (in the viewer's order) for the key and the origin.
    expect(selectQueryString('a=1&b=2&c=3&a=4', { allow: ['a', 'c'] })).toBe('a=1&c=3&a=4');
  });
});
