import type { EdgeRequest, EdgeResponse } from './http-types';
import { parseCookies, serializeCookies } from './http-types';

/** A CloudFront Functions value, with every value when the name repeats. */
export interface CffValue {
  value: string;
  multiValue?: { value: string }[];
  attributes?: string;
}
export type CffValues = Record<string, CffValue>;

/** The viewer-request event a CloudFront Function (cloudfront-js-2.0) receives. */
export interface ViewerRequestEvent {
  version: '1.0';
  context: {
    distributionDomainName: string;
    distributionId: string;
    eventType: 'viewer-request';
    requestId: string;
  };
  viewer: { ip: string };
  request: {
    method: string;
    uri: string;
    querystring: CffValues;
    headers: CffValues;
    cookies: CffValues;
  };
}

export interface ViewerRequestEventOptions {
  readonly distributionDomainName: string;
  readonly distributionId: string;
  readonly requestId: string;
}

/**
 * Builds the event for a viewer-request CloudFront Function. Cookies appear only under
 * `cookies` (not as a header); query-string values stay URL-encoded, as CloudFront passes them.
 */
export function buildViewerRequestEvent(
  req: EdgeRequest,
  options: ViewerRequestEventOptions,
): ViewerRequestEvent {
  const headers: CffValues = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name !== 'cookie') headers[name] = { value };
  }
  const querystring: CffValues = {};
  for (const pair of req.querystring ? req.querystring.split('&') : []) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    addValue(querystring, name, eq < 0 ? '' : pair.slice(eq + 1));
  }
  const cookies: CffValues = {};
  for (const [name, value] of Object.entries(parseCookies(req.headers.cookie))) {
    cookies[name] = { value };
  }
  return {
    version: '1.0',
    context: {
      distributionDomainName: options.distributionDomainName,
      distributionId: options.distributionId,
      eventType: 'viewer-request',
      requestId: options.requestId,
    },
    viewer: { ip: req.clientIp },
    request: { method: req.method, uri: req.path, querystring, headers, cookies },
  };
}

function addValue(target: CffValues, name: string, value: string): void {
  const existing = target[name];
  if (!existing) {
    target[name] = { value };
    return;
  }
  existing.multiValue ??= [{ value: existing.value }];
  existing.multiValue.push({ value });
}

/** What a viewer-request function decided: answer now (never cached), or continue. */
export type ViewerRequestOutcome =
  | { readonly kind: 'response'; readonly response: EdgeResponse }
  | { readonly kind: 'continue'; readonly request: EdgeRequest };

/** Raised when a function returns something CloudFront would reject (viewer sees a 502). */
export class FunctionResultError extends Error {
  override readonly name = 'FunctionResultError';
}

/**
 * Applies a CloudFront Function result: a response object (`statusCode`) short-circuits;
 * a request object replaces the URI, query string, headers and cookies (method is read-only).
 */
export function applyViewerRequestResult(
  result: unknown,
  original: EdgeRequest,
): ViewerRequestOutcome {
  if (!result || typeof result !== 'object') {
    throw new FunctionResultError('The CloudFront function returned no request or response');
  }
  const r = result as Record<string, unknown>;
  if (r.statusCode !== undefined) return { kind: 'response', response: toResponse(r) };
  if (typeof r.uri !== 'string' || !r.uri.startsWith('/')) {
    throw new FunctionResultError('The CloudFront function returned a request without a valid uri');
  }
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries((r.headers ?? {}) as CffValues)) {
    headers[name.toLowerCase()] = allValues(v).join(', ');
  }
  const cookies: Record<string, string> = {};
  for (const [name, v] of Object.entries((r.cookies ?? {}) as CffValues)) {
    cookies[name] = v.value;
  }
  const cookieHeader = serializeCookies(cookies);
  if (cookieHeader) headers.cookie = cookieHeader;
  const querystring = Object.entries((r.querystring ?? {}) as CffValues)
    .flatMap(([name, v]) => allValues(v).map((value) => (value === '' ? name : `${name}=${value}`)))
    .join('&');
  return { kind: 'continue', request: { ...original, path: r.uri, querystring, headers } };
}

function toResponse(r: Record<string, unknown>): EdgeResponse {
  const status = Number(r.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new FunctionResultError(`The CloudFront function returned statusCode ${r.statusCode}`);
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, v] of Object.entries((r.headers ?? {}) as CffValues)) {
    headers[name.toLowerCase()] = allValues(v).join(', ');
  }
  const setCookies = Object.entries((r.cookies ?? {}) as CffValues).flatMap(([name, v]) =>
    (v.multiValue ?? [v]).map((c) => {
      const attrs = (c as CffValue).attributes ?? v.attributes;
      return attrs ? `${name}=${c.value}; ${attrs}` : `${name}=${c.value}`;
    }),
  );
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
  let body = Buffer.alloc(0);
  if (typeof r.body === 'string') body = Buffer.from(r.body);
  else if (r.body && typeof r.body === 'object') {
    const b = r.body as { encoding?: string; data?: string };
    body = Buffer.from(b.data ?? '', b.encoding === 'base64' ? 'base64' : 'utf8');
  }
  const statusText = typeof r.statusDescription === 'string' ? r.statusDescription : undefined;
  return { status, statusText, headers, body };
}

function allValues(v: CffValue): string[] {
  return v.multiValue && v.multiValue.length > 0 ? v.multiValue.map((m) => m.value) : [v.value];
}
