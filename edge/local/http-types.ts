/**
 * The request and response shapes the local edge passes between its stages (viewer function,
 * cache, origin-request Lambda, origins). Plain data, so every stage is testable without sockets.
 */

/** A viewer request as CloudFront sees it, after any viewer-request function ran. */
export interface EdgeRequest {
  readonly method: string;
  /** URI path, percent-encoded as received, without the query string. */
  readonly path: string;
  /** Raw query string without the leading `?` ('' when absent). */
  readonly querystring: string;
  /** Lower-case names; repeated headers joined with `, ` (cookies with `; `). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly clientIp: string;
}

/** A response from an origin, a Lambda@Edge, a CloudFront Function or the cache. */
export interface EdgeResponse {
  readonly status: number;
  readonly statusText?: string;
  /** Lower-case names; `set-cookie` may hold several values. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer;
}

/** First value of a response header (lower-case name), if present. */
export function headerValue(res: EdgeResponse, name: string): string | undefined {
  const value = res.headers[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value[0];
}

/** A request's conditional headers (RFC 9110 §13.1). */
export interface ConditionalHeaders {
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: string;
}

/**
 * True when a GET/HEAD's validators still hold, so the answer is a 304 (RFC 9110 §13.2.2): an
 * `If-None-Match` listing the ETag (or `*`), or, only when the request sent no `If-None-Match`,
 * an `If-Modified-Since` no earlier than `lastModified`. `weak` compares ETags ignoring `W/`, as
 * a cache answering from its stored validators does; otherwise they must match exactly (S3).
 * @example isNotModified({ ifNoneMatch: '"abc"' }, '"abc"', undefined, { weak: false }) // true
 */
export function isNotModified(
  headers: ConditionalHeaders,
  etag: string | undefined,
  lastModified: string | undefined,
  options: { readonly weak: boolean },
): boolean {
  if (headers.ifNoneMatch !== undefined) {
    if (!etag) return false;
    const tag = (t: string) => (options.weak ? t.trim().replace(/^W\//, '') : t.trim());
    return headers.ifNoneMatch.split(',').some((t) => tag(t) === tag(etag) || t.trim() === '*');
  }
  const modified = Date.parse(lastModified ?? '');
  const since = Date.parse(headers.ifModifiedSince ?? '');
  return !Number.isNaN(modified) && !Number.isNaN(since) && modified <= since;
}

/** Parses a `Cookie` header into name → value (first occurrence wins, like most servers). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !Object.hasOwn(cookies, name)) cookies[name] = part.slice(eq + 1).trim();
  }
  return cookies;
}

/** Builds a `Cookie` header from name → value pairs, sorted by name as CloudFront forwards them. */
export function serializeCookies(cookies: Readonly<Record<string, string>>): string {
  return Object.keys(cookies)
    .sort()
    .map((name) => `${name}=${cookies[name]}`)
    .join('; ');
}
