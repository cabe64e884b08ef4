import type { Behaviour, OriginId, OriginRequestLambda } from '../behaviours';
import { invokeLambda, type OriginRequestHandler } from './edge-handlers';
import { OriginUnreachableError } from './http-origin';
import type { EdgeRequest, EdgeResponse } from './http-types';
import {
  buildOriginRequestEvent,
  interpretOriginRequestResult,
  LambdaValidationError,
} from './lambda-edge-event';
import { toOriginRequest } from './origin-request';
import type { Origin } from './origins';
import { edgeError } from './viewer-response';

export interface OriginFetchDeps {
  readonly origins: Readonly<Record<OriginId, Origin>>;
  readonly apiOrigin: URL;
  readonly originRequestLambdas: Readonly<
    Partial<Record<OriginRequestLambda, OriginRequestHandler>>
  >;
  readonly distributionDomainName: string;
  readonly distributionId: string;
}

/** An origin answer, and whether it is CloudFront's own error because the origin failed. */
export interface OriginResult {
  readonly response: EdgeResponse;
  /** True when the origin (or its Lambda) could not answer: eligible for stale-if-error. */
  readonly failed: boolean;
}

/**
 * Everything after the cache on a miss: the origin request policy, the origin-request
 * Lambda@Edge (its generated response is returned like an origin's, so the caller caches it by
 * TTL), then the origin. Failures become CloudFront's answers: a Lambda that throws 503
 * (execution error), one that returns something invalid 502 (validation error), an unreachable
 * origin 502, an origin timeout 504.
 */
export async function fetchFromOrigin(
  deps: OriginFetchDeps,
  behaviour: Behaviour,
  viewerRequest: EdgeRequest,
  ids: { readonly cfId: string; readonly via: string },
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<OriginResult> {
  const filtered = toOriginRequest(viewerRequest, behaviour, { requestId: ids.cfId, via: ids.via });
  let request: EdgeRequest = { ...filtered, headers: { ...filtered.headers, ...extraHeaders } };
  if (behaviour.originRequest) {
    const handler = deps.originRequestLambdas[behaviour.originRequest];
    if (!handler) {
      const msg = `No handler wired for the origin-request Lambda@Edge '${behaviour.originRequest}'`;
      return { response: edgeError(502, 'internal', msg, ids.cfId), failed: true };
    }
    try {
      const event = buildOriginRequestEvent(request, {
        distributionDomainName: deps.distributionDomainName,
        distributionId: deps.distributionId,
        requestId: ids.cfId,
        origin: deps.apiOrigin,
      });
      const result = await invokeLambda(handler, event, behaviour.originRequest, ids.cfId);
      const outcome = interpretOriginRequestResult(result, request);
      if (outcome.kind === 'response') return { response: outcome.response, failed: false };
      request = outcome.request;
    } catch (err) {
      const invalid = err instanceof LambdaValidationError;
      const kind = invalid ? 'LambdaValidationError' : 'LambdaExecutionError';
      const msg = `${kind}: ${err instanceof Error ? err.message : String(err)}`;
      const response = invalid
        ? edgeError(502, 'internal', msg, ids.cfId)
        : edgeError(503, 'unavailable', msg, ids.cfId);
      return { response, failed: true };
    }
  }
  try {
    return { response: await deps.origins[behaviour.origin](request), failed: false };
  } catch (err) {
    if (err instanceof OriginUnreachableError) {
      const status = err.timedOut ? 504 : 502;
      return { response: edgeError(status, 'unavailable', err.message, ids.cfId), failed: true };
    }
    const msg = `Origin error: ${err instanceof Error ? err.message : String(err)}`;
    return { response: edgeError(502, 'internal', msg, ids.cfId), failed: true };
  }
}
