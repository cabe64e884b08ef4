import type { Behaviour, ErrorCachingSpec } from '../behaviours';
import type { NormalisedEncoding } from './cache-key';
import { ageOf, type CachedObject, type CacheStore, withinStaleIfError } from './cache-store';
import { compressResponse } from './compress';
import { type EdgeRequest, type EdgeResponse, headerValue } from './http-types';
import { fetchFromOrigin, type OriginFetchDeps } from './origin-fetch';
import type { EdgeStats } from './stats';
import { decideTtl } from './ttl';

/** What filling the cache needs beyond the origins. */
export interface FillDeps extends OriginFetchDeps {
  readonly store: CacheStore;
  readonly stats: EdgeStats;
  /** Seconds errors stay cached (CloudFront default 10). */
  readonly errorCachingMinTtl?: number;
  /** Error caching per status code (the distribution's custom error responses). */
  readonly errorCaching?: readonly ErrorCachingSpec[];
  readonly now: () => number;
  /** This edge's `Via` value. */
  readonly via: string;
}

/** The result of one origin round trip, as the viewer (and collapsed viewers) get it. */
export interface Fetched {
  readonly response: EdgeResponse;
  readonly outcome: 'Hit' | 'RefreshHit' | 'Miss';
  readonly age?: number;
  /** May be handed to collapsed requests: it was cacheable and not an origin failure. */
  readonly shareable: boolean;
}

/**
 * A cache miss or an expired object: fetch (conditionally, when the stale object has
 * validators), fall back to the stale object within stale-if-error, turn a 304 into a
 * RefreshHit, otherwise decide the TTL, compress and store. Stores nothing fetched before an
 * invalidation.
 */
export async function fillFromOrigin(
  d: FillDeps,
  behaviour: Behaviour,
  request: EdgeRequest,
  key: string,
  stale: CachedObject | undefined,
  encoding: NormalisedEncoding | undefined,
  cfId: string,
): Promise<Fetched> {
  const epoch = d.store.invalidationEpoch;
  const conditional: Record<string, string> = {};
  if (stale?.validators.etag) conditional['if-none-match'] = stale.validators.etag;
  if (stale?.validators.lastModified) {
    conditional['if-modified-since'] = stale.validators.lastModified;
  }
  d.stats.originRequest(behaviour.pathPattern);
  const { response, failed } = await fetchFromOrigin(
    d,
    behaviour,
    request,
    { cfId, via: d.via },
    conditional,
  );
  const t = d.now();
  const ttlInput = {
    policy: behaviour.cachePolicy,
    errorCachingMinTtl: d.errorCachingMinTtl,
    errorCaching: d.errorCaching,
    nowMs: t,
  };
  if (stale && (failed || response.status >= 500) && stale.staleIfError > 0) {
    if (withinStaleIfError(stale, t)) {
      return { response: stale.response, outcome: 'Hit', age: ageOf(stale, t), shareable: true };
    }
  }
  if (stale && response.status === 304) {
    const refreshed: Record<string, string | readonly string[]> = { ...stale.response.headers };
    for (const name of ['cache-control', 'expires', 'date']) {
      const value = response.headers[name];
      if (value !== undefined) refreshed[name] = value;
    }
    const decision = decideTtl({
      ...ttlInput,
      method: 'GET',
      status: stale.response.status,
      headers: { ...refreshed, etag: stale.validators.etag ?? '' },
    });
    const updated = { ...stale.response, headers: refreshed };
    if (decision.cache) {
      d.store.set({ ...stale, ...decision, response: updated, storedAtMs: t }, epoch);
    } else d.store.delete(key);
    return { response: updated, outcome: 'RefreshHit', age: 0, shareable: true };
  }
  const decision = decideTtl({
    ...ttlInput,
    method: request.method,
    status: response.status,
    headers: response.headers,
  });
  const viewerResponse = compressResponse(response, encoding);
  const storable = decision.cache && !failed && response.status !== 304;
  if (storable && request.method === 'GET') {
    d.store.set(
      {
        key,
        path: request.path,
        querystring: request.querystring,
        response: viewerResponse,
        storedAtMs: t,
        ttl: decision.ttl,
        staleWhileRevalidate: decision.staleWhileRevalidate,
        staleIfError: decision.staleIfError,
        validators: {
          etag: headerValue(response, 'etag'),
          lastModified: headerValue(response, 'last-modified'),
        },
      },
      epoch,
    );
  } else if (stale && request.method === 'GET') d.store.delete(key);
  return { response: viewerResponse, outcome: 'Miss', shareable: storable };
}
