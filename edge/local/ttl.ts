import type { CachePolicySpec, ErrorCachingSpec } from '../behaviours';

/**
 * Pure CloudFront TTL decision: how long (if at all) the edge keeps a response, from the
 * behaviour's cache policy and the origin's headers. No I/O, no clock: `nowMs` is passed in.
 *
 * Rules (CloudFront Developer Guide, "Manage how long content stays in the cache" and
 * "How CloudFront processes HTTP 4xx and 5xx status codes"):
 * - only GET/HEAD; a response with `Set-Cookie` is never cached (our policies never key on
 *   cookies);
 * - errors 400, 403, 404, 405, 410, 414, 500–504 are cached for max(header TTL ≤ maxTtl,
 *   error caching minimum TTL of that status code, else the distribution's), on every cache
 *   policy: maxTtl 0 (CachingDisabled) only zeroes the header part; `no-store`/`no-cache`/
 *   `private` prevent it only on 404, 410, 414 and 501; other 4xx/5xx (401, 409, 416, 429…)
 *   and 206 are never cached;
 * - otherwise a cache policy with maxTtl 0 caches nothing; `s-maxage`, else `max-age`, else
 *   `Expires` − `Date`, clamped to [minTtl, maxTtl]; no header → defaultTtl;
 *   `no-store`/`no-cache`/`private` → minTtl (not cached when 0);
 * - TTL 0 keeps an object only when it can be revalidated or served stale.
 */
export interface TtlInput {
  readonly method: string;
  readonly status: number;
  /** Lower-case response headers. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly policy: Pick<CachePolicySpec, 'minTtl' | 'defaultTtl' | 'maxTtl'>;
  /** Seconds; CloudFront's default is 10. */
  readonly errorCachingMinTtl?: number;
  /** Per status code, like the distribution's custom error responses; wins over the above. */
  readonly errorCaching?: readonly ErrorCachingSpec[];
  readonly nowMs: number;
}

export interface TtlDecision {
  readonly cache: boolean;
  /** Seconds the object is fresh. */
  readonly ttl: number;
  /** Seconds after expiry the object may still be served while it is refreshed. */
  readonly staleWhileRevalidate: number;
  /** Seconds after expiry the object may be served when the origin fails. */
  readonly staleIfError: number;
  /** Why, for logs and tests. */
  readonly reason: string;
}

export const DEFAULT_ERROR_CACHING_MIN_TTL = 10;

const CACHEABLE_ERRORS = new Set([400, 403, 404, 405, 410, 414, 500, 501, 502, 503, 504]);
const ERRORS_HONOURING_NO_STORE = new Set([404, 410, 414, 501]);

/** Parses `Cache-Control` into lower-case directive → value ('' for bare directives). */
export function parseCacheControl(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(',')) {
    const [rawName = '', ...rest] = part.split('=');
    const name = rawName.trim().toLowerCase();
    if (name) out.set(name, rest.join('=').trim().replace(/^"|"$/g, ''));
  }
  return out;
}

/** Decides whether and how long to cache one origin response. */
export function decideTtl(input: TtlInput): TtlDecision {
  const { method, status, policy } = input;
  const no = (reason: string): TtlDecision => ({
    cache: false,
    ttl: 0,
    staleWhileRevalidate: 0,
    staleIfError: 0,
    reason,
  });
  if (method !== 'GET' && method !== 'HEAD') return no(`method ${method} is never cached`);
  if (input.headers['set-cookie'] !== undefined) return no('response sets a cookie');

  const cc = parseCacheControl(first(input.headers['cache-control']));
  const refuses = cc.has('no-store') || cc.has('no-cache') || cc.has('private');
  const headerTtl = ttlFromHeaders(cc, input.headers, input.nowMs);
  const swr = seconds(cc.get('stale-while-revalidate'));
  const sie = seconds(cc.get('stale-if-error'));

  if (status >= 400) {
    if (!CACHEABLE_ERRORS.has(status)) return no(`status ${status} is never cached`);
    if (refuses && ERRORS_HONOURING_NO_STORE.has(status)) {
      return no(`status ${status} with no-store/no-cache/private`);
    }
    const errorMin =
      input.errorCaching?.find((e) => e.status === status)?.minTtl ??
      input.errorCachingMinTtl ??
      DEFAULT_ERROR_CACHING_MIN_TTL;
    const fromHeader = headerTtl === undefined || refuses ? 0 : Math.min(headerTtl, policy.maxTtl);
    const ttl = Math.max(fromHeader, errorMin);
    if (ttl <= 0) return no('error caching minimum TTL is 0');
    return { cache: true, ttl, staleWhileRevalidate: 0, staleIfError: 0, reason: 'error' };
  }
  if (policy.maxTtl <= 0) return no('cache policy disables caching');
  if (status === 206 || status === 304 || status < 200) return no(`status ${status}`);

  let ttl: number;
  let reason: string;
  if (refuses) {
    if (policy.minTtl <= 0) return no('no-store/no-cache/private and minTtl 0');
    ttl = policy.minTtl;
    reason = 'no-store/no-cache/private raised to minTtl';
  } else if (headerTtl !== undefined) {
    ttl = clamp(headerTtl, policy.minTtl, policy.maxTtl);
    reason = ttl === headerTtl ? 'origin headers' : 'origin headers clamped';
  } else {
    ttl = clamp(policy.defaultTtl, policy.minTtl, policy.maxTtl);
    reason = 'default TTL';
  }
  const revalidatable =
    input.headers.etag !== undefined || input.headers['last-modified'] !== undefined;
  if (ttl <= 0 && !revalidatable && swr === 0 && sie === 0) return no('TTL 0');
  return { cache: true, ttl, staleWhileRevalidate: swr, staleIfError: sie, reason };
}

function ttlFromHeaders(
  cc: Map<string, string>,
  headers: TtlInput['headers'],
  nowMs: number,
): number | undefined {
  const sMaxAge = cc.get('s-maxage');
  if (sMaxAge !== undefined) return seconds(sMaxAge);
  const maxAge = cc.get('max-age');
  if (maxAge !== undefined) return seconds(maxAge);
  const expires = first(headers.expires);
  if (expires === undefined) return undefined;
  const at = Date.parse(expires);
  if (Number.isNaN(at)) return 0; // an invalid Expires means "already expired" (RFC 9111)
  const date = Date.parse(first(headers.date) ?? '');
  const base = Number.isNaN(date) ? nowMs : date;
  return Math.max(0, Math.floor((at - base) / 1000));
}

function seconds(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function first(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}
