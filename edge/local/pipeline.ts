import { randomBytes } from 'node:crypto';
import type { AllowedMethods, Behaviour, ViewerRequestFunction } from '../behaviours';
import { type Fetched, type FillDeps, fillFromOrigin } from './cache-fill';
import { cacheKey, normaliseAcceptEncoding, selectQueryString } from './cache-key';
import { ageOf, isFresh, withinStaleWhileRevalidate } from './cache-store';
import {
  applyViewerRequestResult,
  buildViewerRequestEvent,
  FunctionResultError,
} from './cff-event';
import { Collapser } from './collapse';
import { compressResponse } from './compress';
import type { ViewerRequestHandler } from './edge-handlers';
import type { EdgeRequest, EdgeResponse } from './http-types';
import { fetchFromOrigin } from './origin-fetch';
import { selectBehaviour } from './path-pattern';
import type { EdgeOutcome } from './stats';
import { edgeError, newCloudFrontId, toViewerResponse } from './viewer-response';

export interface PipelineOptions extends Omit<FillDeps, 'now' | 'via'> {
  /** Behaviours in precedence order, default `*` last. */
  readonly behaviours: readonly Behaviour[];
  readonly viewerRequestFunctions: Readonly<
    Partial<Record<ViewerRequestFunction, ViewerRequestHandler>>
  >;
  /** Epoch ms; defaults to Date.now. */
  readonly now?: () => number;
}

const METHODS: Record<AllowedMethods, readonly string[]> = {
  GET_HEAD: ['GET', 'HEAD'],
  GET_HEAD_OPTIONS: ['GET', 'HEAD', 'OPTIONS'],
  ALL: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
};

/** The pipeline function, plus a view of request collapsing for stats. */
export interface Pipeline {
  (req: EdgeRequest): Promise<EdgeResponse>;
  /** Origin fetches in flight and viewer requests waiting on them (request collapsing). */
  collapsing(): { inFlight: number; waiting: number };
}

/**
 * The distribution's request pipeline, with no sockets: behaviour → allowed methods →
 * viewer-request function → cache lookup (fresh hit, stale-while-revalidate, conditional
 * revalidation) → collapsed origin fetch (origin-request Lambda, origin) → TTL decision → store.
 * `X-Cache` says `Error from cloudfront` for 4xx/5xx; stats count the cache outcome.
 */
export function createPipeline(o: PipelineOptions): Pipeline {
  const collapser = new Collapser<Fetched>();
  const via = `1.1 ${randomBytes(16).toString('hex')}.cloudfront.net (CloudFront)`;
  const deps: FillDeps = { ...o, now: o.now ?? Date.now, via };
  const now = deps.now;

  async function handle(viewer: EdgeRequest): Promise<EdgeResponse> {
    const cfId = newCloudFrontId();
    const behaviour = selectBehaviour(viewer.path, o.behaviours);
    const pattern = behaviour.pathPattern;
    // The request after the viewer-request function: what the cache and the report see.
    let request = viewer;
    const finish = (res: EdgeResponse, outcome: EdgeOutcome, age?: number): EdgeResponse => {
      const shown: EdgeOutcome =
        res.status >= 400 && outcome !== 'FunctionGeneratedResponse' ? 'Error' : outcome;
      const out = toViewerResponse(res, {
        outcome: shown,
        cfId,
        via,
        age,
        ifNoneMatch: viewer.headers['if-none-match'],
        ifModifiedSince: viewer.headers['if-modified-since'],
        method: viewer.method,
      });
      const bytes = viewer.method === 'HEAD' ? 0 : out.body.length;
      o.stats.record(pattern, outcome, bytes, reportKey(request, behaviour));
      return out;
    };

    if (!METHODS[behaviour.allowedMethods].includes(viewer.method)) {
      const msg = `This distribution is not configured to allow ${viewer.method} on ${pattern}`;
      return finish(edgeError(403, 'forbidden', msg, cfId), 'Error');
    }
    if (behaviour.viewerRequest) {
      const fn = o.viewerRequestFunctions[behaviour.viewerRequest];
      if (!fn) {
        const msg = `No handler wired for the CloudFront Function '${behaviour.viewerRequest}'`;
        return finish(edgeError(503, 'unavailable', msg, cfId), 'Error');
      }
      try {
        const event = buildViewerRequestEvent(viewer, {
          distributionDomainName: o.distributionDomainName,
          distributionId: o.distributionId,
          requestId: cfId,
        });
        const outcome = applyViewerRequestResult(await fn(event), viewer);
        if (outcome.kind === 'response')
          return finish(outcome.response, 'FunctionGeneratedResponse');
        request = outcome.request;
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        // CloudFront: a result it cannot use is a validation error (502), a throw 503.
        if (err instanceof FunctionResultError) {
          const msg = `FunctionValidationError: ${detail}`;
          return finish(edgeError(502, 'internal', msg, cfId), 'Error');
        }
        const msg = `FunctionExecutionError: ${detail}`;
        return finish(edgeError(503, 'unavailable', msg, cfId), 'Error');
      }
    }

    const policy = behaviour.cachePolicy;
    const encoding = normaliseAcceptEncoding(request.headers['accept-encoding'], policy);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      o.stats.originRequest(pattern);
      const { response } = await fetchFromOrigin(o, behaviour, request, { cfId, via });
      return finish(compressResponse(response, encoding), 'Miss');
    }

    const key = cacheKey(request, policy);
    const collapseKey = `${request.method} ${key}`;
    const entry = o.store.get(key);
    const t = now();
    if (entry && isFresh(entry, t)) return finish(entry.response, 'Hit', ageOf(entry, t));
    if (policy.maxTtl <= 0) {
      // CachingDisabled: only an error can be stored (error caching), and viewers are never
      // collapsed: their requests may differ in what the key leaves out (tokens, cookies).
      const own = await fillFromOrigin(deps, behaviour, request, key, entry, encoding, cfId);
      return finish(own.response, own.outcome, own.age);
    }
    if (entry && entry.staleWhileRevalidate > 0 && withinStaleWhileRevalidate(entry, t)) {
      if (!collapser.has(collapseKey)) {
        collapser
          .run(collapseKey, () =>
            fillFromOrigin(deps, behaviour, request, key, entry, encoding, cfId),
          )
          .catch(() => undefined);
      }
      return finish(entry.response, 'Hit', ageOf(entry, t));
    }
    const { value, leader } = await collapser.run(collapseKey, () =>
      fillFromOrigin(deps, behaviour, request, key, entry, encoding, cfId),
    );
    if (leader) return finish(value.response, value.outcome, value.age);
    if (value.shareable) {
      o.stats.collapsed(pattern);
      return finish(
        value.response,
        value.outcome === 'Miss' ? 'Hit' : value.outcome,
        value.age ?? 0,
      );
    }
    // Not cacheable (e.g. it set a cookie): never hand one viewer's answer to another.
    const own = await fillFromOrigin(deps, behaviour, request, key, undefined, encoding, cfId);
    return finish(own.response, own.outcome, own.age);
  }

  return Object.assign(handle, {
    collapsing: () => ({ inFlight: collapser.pending, waiting: collapser.waiting }),
  });
}

/** The object a request asks for, as the cache report lists it: path and keyed query string. */
function reportKey(req: EdgeRequest, behaviour: Behaviour): string {
  const qs = selectQueryString(req.querystring, behaviour.cachePolicy.queryStrings);
  const uri = qs ? `${req.path}?${qs}` : req.path;
  return req.method === 'GET' || req.method === 'HEAD' ? uri : `${req.method} ${uri}`;
}
