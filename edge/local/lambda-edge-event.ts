import type { EdgeRequest, EdgeResponse } from './http-types';

/** CloudFront's Lambda@Edge header list: lower-case name → [{ key, value }]. */
export type LambdaEdgeHeaders = Record<string, { key: string; value: string }[]>;

/** Headers as a trigger may return them (CloudFront fills in a missing `key`). */
type ResultHeaders = Record<string, { key?: string; value: string }[] | undefined>;

/** The custom origin description CloudFront puts in origin-request events. */
export interface LambdaEdgeCustomOrigin {
  customHeaders: LambdaEdgeHeaders;
  domainName: string;
  keepaliveTimeout: number;
  path: string;
  port: number;
  protocol: string;
  readTimeout: number;
  sslProtocols: string[];
}

export interface LambdaEdgeRequest {
  clientIp: string;
  headers: LambdaEdgeHeaders;
  method: string;
  querystring: string;
  uri: string;
  body?: {
    action: 'read-only' | 'replace';
    data: string;
    encoding: 'base64' | 'text';
    inputTruncated: boolean;
  };
  origin?: { custom: LambdaEdgeCustomOrigin };
}

/** The `Records[0].cf` event an origin-request Lambda@Edge receives. */
export interface OriginRequestEvent {
  Records: [
    {
      cf: {
        config: {
          distributionDomainName: string;
          distributionId: string;
          eventType: 'origin-request';
          requestId: string;
        };
        request: LambdaEdgeRequest;
      };
    },
  ];
}

export interface OriginRequestEventOptions {
  readonly distributionDomainName: string;
  readonly distributionId: string;
  readonly requestId: string;
  /** The custom origin this behaviour targets (host, port, protocol). */
  readonly origin: URL;
}

/** Origin-request triggers see at most 1 MB of body ("include body"), base64-encoded. */
export const LAMBDA_BODY_LIMIT = 1024 * 1024;
/** Largest response an origin-request trigger may generate. */
export const LAMBDA_GENERATED_RESPONSE_LIMIT = 1024 * 1024;

/**
 * Builds the CloudFront origin-request event for the request CloudFront would forward
 * (headers already filtered by the origin request policy).
 */
export function buildOriginRequestEvent(
  req: EdgeRequest,
  options: OriginRequestEventOptions,
): OriginRequestEvent {
  const headers: LambdaEdgeHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = [{ key: canonicalHeaderName(name), value }];
  }
  const truncated = req.body.length > LAMBDA_BODY_LIMIT;
  const data = (truncated ? req.body.subarray(0, LAMBDA_BODY_LIMIT) : req.body).toString('base64');
  const { origin } = options;
  return {
    Records: [
      {
        cf: {
          config: {
            distributionDomainName: options.distributionDomainName,
            distributionId: options.distributionId,
            eventType: 'origin-request',
            requestId: options.requestId,
          },
          request: {
            clientIp: req.clientIp,
            headers,
            method: req.method,
            querystring: req.querystring,
            uri: req.path,
            body: { action: 'read-only', data, encoding: 'base64', inputTruncated: truncated },
            origin: {
              custom: {
                customHeaders: {},
                domainName: origin.hostname,
                keepaliveTimeout: 5,
                path: '',
                port: Number(origin.port || (origin.protocol === 'https:' ? 443 : 80)),
                protocol: origin.protocol.replace(':', ''),
                readTimeout: 30,
                sslProtocols: ['TLSv1.2'],
              },
            },
          },
        },
      },
    ],
  };
}

/** What an origin-request trigger decided: answer at the edge, or forward (maybe modified). */
export type OriginRequestOutcome =
  | { readonly kind: 'response'; readonly response: EdgeResponse }
  | { readonly kind: 'forward'; readonly request: EdgeRequest };

/** Raised when a trigger returns something CloudFront would reject (viewer sees a 502). */
export class LambdaValidationError extends Error {
  override readonly name = 'LambdaValidationError';
}

/**
 * Interprets what an origin-request Lambda@Edge returned: a generated response
 * `{ status, statusDescription?, headers?, body?, bodyEncoding? }` or a request to forward.
 */
export function interpretOriginRequestResult(
  result: unknown,
  original: EdgeRequest,
): OriginRequestOutcome {
  if (!result || typeof result !== 'object') {
    throw new LambdaValidationError('The Lambda function returned no request or response');
  }
  const r = result as Record<string, unknown>;
  if (r.status !== undefined) {
    const status = Number(r.status);
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new LambdaValidationError(
        `The Lambda function returned an invalid status: ${r.status}`,
      );
    }
    const raw = typeof r.body === 'string' ? r.body : '';
    const body = Buffer.from(raw, r.bodyEncoding === 'base64' ? 'base64' : 'utf8');
    if (body.length > LAMBDA_GENERATED_RESPONSE_LIMIT) {
      throw new LambdaValidationError('The Lambda function generated a response over 1 MB');
    }
    const headers = fromLambdaHeaders(r.headers as ResultHeaders | undefined, true);
    const statusText = typeof r.statusDescription === 'string' ? r.statusDescription : undefined;
    return { kind: 'response', response: { status, statusText, headers, body } };
  }
  if (typeof r.uri !== 'string') {
    throw new LambdaValidationError('The Lambda function returned neither a status nor a uri');
  }
  const reqBody = r.body as LambdaEdgeRequest['body'];
  const body =
    reqBody?.action === 'replace'
      ? Buffer.from(reqBody.data, reqBody.encoding === 'base64' ? 'base64' : 'utf8')
      : original.body;
  const headers = fromLambdaHeaders(r.headers as ResultHeaders | undefined, false);
  return {
    kind: 'forward',
    request: {
      ...original,
      path: r.uri,
      querystring: typeof r.querystring === 'string' ? r.querystring : original.querystring,
      headers: headers as Record<string, string>,
      body,
    },
  };
}

function fromLambdaHeaders(
  headers: ResultHeaders | undefined,
  keepSetCookieList: boolean,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, list] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    const values = (list ?? []).map((h) => String(h.value));
    if (values.length === 0) continue;
    if (lower === 'set-cookie' && keepSetCookieList) out[lower] = values;
    else out[lower] = values.join(lower === 'cookie' ? '; ' : ', ');
  }
  return out;
}

/** `x-forwarded-for` → `X-Forwarded-For`: the `key` CloudFront puts beside each header. */
export function canonicalHeaderName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase());
}
