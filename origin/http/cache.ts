import { createHash } from 'node:crypto';
import type { Context } from 'hono';

/** Catalog pages: the CDN keeps them 30 s and may serve them stale for a minute while refreshing. */
export const CATALOG_CACHE = 'public, max-age=0, s-maxage=30, stale-while-revalidate=60';
/** Availability changes by the second: cached 1 s at the CDN. */
export const AVAILABILITY_CACHE = 'public, max-age=0, s-maxage=1, stale-while-revalidate=5';

/**
 * Answers JSON with Cache-Control and a strong ETag (hash of the body); a matching
 * If-None-Match gets 304 with no body, so revalidation costs the CDN almost nothing.
 */
export function cachedJson<T>(c: Context, body: T, cacheControl: string) {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  c.header('cache-control', cacheControl);
  c.header('etag', etag);
  const match = c.req.header('if-none-match');
  if (match?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    return c.body(null, 304);
  }
  return c.json(body, 200);
}
