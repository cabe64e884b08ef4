import { randomBytes } from 'node:crypto';
import { type ErrorCode, errorBody } from '../../common/errors';
import type { EdgeResponse } from './http-types';
import { headerValue, isNotModified } from './http-types';
import type { EdgeOutcome } from './stats';

/** A CloudFront-style request id (`X-Amz-Cf-Id`): 56 characters of base64url. */
export function newCloudFrontId(): string {
  return randomBytes(42).toString('base64url');
}

/** An error the edge itself answers with, in the one error shape. */
export function edgeError(
  status: number,
  code: ErrorCode,
  message: string,
  requestId: string,
): EdgeResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: Buffer.from(JSON.stringify(errorBody(code, message, requestId))),
  };
}

export interface ViewerHeaders {
  readonly outcome: EdgeOutcome;
  readonly cfId: string;
  readonly via: string;
  /** Seconds in cache, for hits. */
  readonly age?: number;
  /** The viewer's conditional headers, answered from the cached validators. */
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: string;
  readonly method: string;
}

/**
 * The response as the viewer gets it: CloudFront's `X-Cache`, `Via`, `X-Amz-Cf-Id`,
 * `X-Amz-Cf-Pop` and, on hits, `Age`. A GET/HEAD 200 becomes a 304 when the viewer's
 * validators still hold (RFC 9110 §13.2.2): a matching `If-None-Match`, or, when the viewer
 * sent none, an `If-Modified-Since` no earlier than the object's `Last-Modified`.
 */
export function toViewerResponse(res: EdgeResponse, v: ViewerHeaders): EdgeResponse {
  const headers: Record<string, string | readonly string[]> = { ...res.headers };
  headers['x-cache'] =
    v.outcome === 'Error' ? 'Error from cloudfront' : `${v.outcome} from cloudfront`;
  headers.via = v.via;
  headers['x-amz-cf-pop'] = 'LCL50-P1';
  headers['x-amz-cf-id'] = v.cfId;
  if (v.age !== undefined) headers.age = String(v.age);
  else delete headers.age;
  const cacheableMethod = v.method === 'GET' || v.method === 'HEAD';
  const etag = headerValue(res, 'etag');
  const notModified = isNotModified(v, etag, headerValue(res, 'last-modified'), { weak: true });
  if (cacheableMethod && res.status === 200 && notModified) {
    return { status: 304, headers, body: Buffer.alloc(0) };
  }
  return { ...res, headers };
}
