import type { CachePolicySpec, KeyBehaviour } from '../behaviours';
import { type EdgeRequest, parseCookies } from './http-types';

/**
 * The CloudFront cache key: the URL path plus only what the cache policy lists (query strings,
 * headers, cookies) and the normalised `Accept-Encoding` when the policy enables compression.
 * Everything else the viewer sends, even when forwarded to the origin, never splits the cache.
 *
 * Query strings keep the viewer's order and case: CloudFront treats `?a=1&b=2` and `?b=2&a=1`
 * as different objects. GET and HEAD share a key.
 *
 * @example
 * cacheKey({ path: '/api/catalog/events', querystring: 'x=1', headers: {}, ... }, catalogCache)
 */
export function cacheKey(req: EdgeRequest, policy: CachePolicySpec): string {
  const qs = selectQueryString(req.querystring, policy.queryStrings);
  const headers =
    policy.headers === 'none'
      ? ''
      : policy.headers.allow
          .map((h) => h.toLowerCase())
          .sort()
          .map((h) => `${h}:${req.headers[h] ?? ''}`)
          .join('\n');
  const cookies = selectCookies(parseCookies(req.headers.cookie), policy.cookies);
  const cookiePart = Object.keys(cookies)
    .sort()
    .map((n) => `${n}=${cookies[n]}`)
    .join(';');
  const encoding = normaliseAcceptEncoding(req.headers['accept-encoding'], policy) ?? '';
  return [req.path, qs, headers, cookiePart, encoding].join('\u0000');
}

/** The path a cache key was built from (for invalidation and stats). */
export function pathOfCacheKey(key: string): string {
  return key.slice(0, key.indexOf('\u0000'));
}

/** The query string a cache key was built from. */
export function queryOfCacheKey(key: string): string {
  return key.split('\u0000')[1] ?? '';
}

/**
 * Keeps the query-string parameters a policy names, in the viewer's order.
 * `none` → '', `all` → unchanged, allow-list → only those names (case-sensitive).
 */
export function selectQueryString(querystring: string, behaviour: KeyBehaviour): string {
  if (behaviour === 'none' || querystring === '') return '';
  if (behaviour === 'all') return querystring;
  const allowed = new Set(behaviour.allow);
  return querystring
    .split('&')
    .filter((pair) => {
      const eq = pair.indexOf('=');
      const raw = eq < 0 ? pair : pair.slice(0, eq);
      return allowed.has(safeDecode(raw));
    })
    .join('&');
}

/** Keeps the cookies a policy names: `none` → {}, `all` → all, allow-list → only those. */
export function selectCookies(
  cookies: Readonly<Record<string, string>>,
  behaviour: KeyBehaviour,
): Record<string, string> {
  if (behaviour === 'none') return {};
  if (behaviour === 'all') return { ...cookies };
  const out: Record<string, string> = {};
  for (const name of behaviour.allow) {
    const value = cookies[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export type NormalisedEncoding = 'br,gzip' | 'br' | 'gzip';

/**
 * CloudFront's `Accept-Encoding` normalisation: only `br` and `gzip` survive, and only when the
 * cache policy enables them; a `q=0` token is a refusal. Undefined means "identity".
 */
export function normaliseAcceptEncoding(
  header: string | undefined,
  policy: Pick<CachePolicySpec, 'gzip' | 'brotli'>,
): NormalisedEncoding | undefined {
  if (!header || (!policy.gzip && !policy.brotli)) return undefined;
  const accepted = new Set<string>();
  for (const token of header.split(',')) {
    const [name = '', ...params] = token.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    accepted.add(name.trim());
  }
  const br = policy.brotli && accepted.has('br');
  const gzip = policy.gzip && accepted.has('gzip');
  if (br && gzip) return 'br,gzip';
  if (br) return 'br';
  if (gzip) return 'gzip';
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
