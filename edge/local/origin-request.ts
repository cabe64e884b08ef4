import type { Behaviour, KeyBehaviour } from '../behaviours';
import { normaliseAcceptEncoding, selectCookies, selectQueryString } from './cache-key';
import { type EdgeRequest, parseCookies, serializeCookies } from './http-types';

/** Headers that describe one hop and never travel through a proxy (RFC 9110 §7.6.1). */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Headers the edge itself handles; viewers never set them on the origin request. */
const EDGE_OWNED = new Set(['host', 'content-length', 'if-none-match', 'if-modified-since']);

export interface ForwardContext {
  readonly requestId: string;
  /** The `Via` value this edge adds, e.g. `1.1 abc.cloudfront.net (CloudFront)`. */
  readonly via: string;
}

/**
 * The request CloudFront sends to the origin: what the cache key holds plus what the origin
 * request policy adds (query strings, headers, cookies); without an origin request policy only
 * the cache-key values travel. The normalised `Accept-Encoding` replaces the viewer's when the
 * cache policy enables compression. CloudFront adds `X-Forwarded-For`, `Via`, `X-Amz-Cf-Id` and
 * `User-Agent: Amazon CloudFront` when the viewer's is not forwarded.
 */
export function toOriginRequest(
  req: EdgeRequest,
  behaviour: Behaviour,
  context: ForwardContext,
): EdgeRequest {
  const cache = behaviour.cachePolicy;
  const orp = behaviour.originRequestPolicy;
  const queryBehaviour = union(cache.queryStrings, orp?.queryStrings ?? 'none');
  const cookieBehaviour = union(cache.cookies, orp?.cookies ?? 'none');

  const headers: Record<string, string> = {};
  const allowed = new Set(cache.headers === 'none' ? [] : cache.headers.allow);
  const allViewer = orp?.headers === 'allViewer';
  if (orp && orp.headers !== 'none' && orp.headers !== 'allViewer') {
    for (const h of orp.headers.allow) allowed.add(h.toLowerCase());
  }
  for (const [name, value] of Object.entries(req.headers)) {
    if (HOP_BY_HOP.has(name) || EDGE_OWNED.has(name) || name === 'cookie') continue;
    if (name === 'accept-encoding' || name === 'x-forwarded-for' || name === 'via') continue;
    if (allViewer || allowed.has(name)) headers[name] = value;
  }
  if (req.body.length > 0 && req.headers['content-type'] && !headers['content-type']) {
    headers['content-type'] = req.headers['content-type'];
  }
  const encoding = normaliseAcceptEncoding(req.headers['accept-encoding'], cache);
  if (encoding) headers['accept-encoding'] = encoding;
  else if (!cache.gzip && !cache.brotli && req.headers['accept-encoding']) {
    if (allViewer || allowed.has('accept-encoding')) {
      headers['accept-encoding'] = req.headers['accept-encoding'];
    }
  }
  const cookies = selectCookies(parseCookies(req.headers.cookie), cookieBehaviour);
  const cookieHeader = serializeCookies(cookies);
  if (cookieHeader) headers.cookie = cookieHeader;

  const priorFor = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = priorFor ? `${priorFor}, ${req.clientIp}` : req.clientIp;
  headers.via = req.headers.via ? `${req.headers.via}, ${context.via}` : context.via;
  headers['x-amz-cf-id'] = context.requestId;
  headers['user-agent'] ??= 'Amazon CloudFront';

  return {
    ...req,
    querystring: selectQueryString(req.querystring, queryBehaviour),
    headers,
  };
}

function union(a: KeyBehaviour, b: KeyBehaviour): KeyBehaviour {
  if (a === 'all' || b === 'all') return 'all';
  if (a === 'none') return b;
  if (b === 'none') return a;
  return { allow: [...new Set([...a.allow, ...b.allow])] };
}
