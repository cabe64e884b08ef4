import { describe, expect, it } from 'vitest';
import {
  applyViewerRequestResult,
  buildViewerRequestEvent,
  FunctionResultError,
} from './cff-event';
import type { EdgeRequest } from './http-types';

const request: EdgeRequest = {
  method: 'POST',
  path: '/api/holds',
  querystring: 'a=1&b=2&a=3&flag',
  headers: { authorization: 'Bearer x', cookie: 'fg_access=tok; other=1', host: 'localhost' },
  body: Buffer.alloc(0),
  clientIp: '1.2.3.4',
};
const options = {
  distributionDomainName: 'd1.cloudfront.net',
  distributionId: 'E1',
  requestId: 'r1',
};

describe('buildViewerRequestEvent', () => {
  it('builds a cloudfront-js-2.0 viewer-request event with cookies separate from headers', () => {
    // Rule ("CloudFront Functions event structure"): version 1.0, context, viewer.ip and
    // request with lower-case headers; cookies and query strings as objects with value and
    // multiValue, and no cookie header.
    const event = buildViewerRequestEvent(request, options);
    expect(event).toMatchObject({
      version: '1.0',
      context: { eventType: 'viewer-request', requestId: 'r1' },
      viewer: { ip: '1.2.3.4' },
      request: { method: 'POST', uri: '/api/holds' },
    });
    expect(event.request.headers.authorization).toEqual({ value: 'Bearer x' });
    expect(event.request.headers.cookie).toBeUndefined();
    expect(event.request.cookies).toEqual({ fg_access: { value: 'tok' }, other: { value: '1' } });
    expect(event.request.querystring.a).toEqual({
      value: '1',
      multiValue: [{ value: '1' }, { value: '3' }],
    });
    expect(event.request.querystring.flag).toEqual({ value: '' });
  });
});

describe('applyViewerRequestResult', () => {
  it('turns a response object into a short-circuit response with cookies and a text body', () => {
    // Rule ("CloudFront Functions event structure", Response object and Status code and body):
    // statusCode, headers, cookies with attributes, body as text; sent to the viewer as is.
    const outcome = applyViewerRequestResult(
      {
        statusCode: 401,
        statusDescription: 'Unauthorized',
        headers: { 'content-type': { value: 'application/json' } },
        cookies: { fg_access: { value: '', attributes: 'Max-Age=0; Path=/' } },
        body: { encoding: 'text', data: '{"error":{}}' },
      },
      request,
    );
    expect(outcome.kind).toBe('response');
    if (outcome.kind !== 'response') return;
    expect(outcome.response.status).toBe(401);
    expect(outcome.response.headers['set-cookie']).toEqual(['fg_access=; Max-Age=0; Path=/']);
    expect(outcome.response.body.toString()).toBe('{"error":{}}');
  });

  it('applies a modified request: uri, headers, cookies and query string', () => {
    // Rule ("CloudFront Functions event structure", Request object): uri, headers, cookies and
    // querystring may be changed; method is read-only.
    const event = buildViewerRequestEvent(request, options);
    event.request.uri = '/api/holds/x';
    event.request.headers['x-floodgate-ticket'] = { value: 't_1' };
    delete event.request.cookies.other;
    const outcome = applyViewerRequestResult(event.request, request);
    expect(outcome.kind).toBe('continue');
    if (outcome.kind !== 'continue') return;
    expect(outcome.request.path).toBe('/api/holds/x');
    expect(outcome.request.headers['x-floodgate-ticket']).toBe('t_1');
    expect(outcome.request.headers.cookie).toBe('fg_access=tok');
    expect(outcome.request.querystring).toBe('a=1&a=3&b=2&flag');
    expect(outcome.request.method).toBe('POST');
  });

  it('rejects results CloudFront would reject', () => {
    // Rule ("HTTP 502 status code (Bad Gateway)", CloudFront Functions validation error): a
    // function result that is neither a valid request nor a valid response fails the request.
    expect(() => applyViewerRequestResult(null, request)).toThrow(FunctionResultError);
    expect(() => applyViewerRequestResult({ uri: 'relative' }, request)).toThrow(
      FunctionResultError,
    );
    expect(() => applyViewerRequestResult({ statusCode: 99 }, request)).toThrow(
      FunctionResultError,
    );
  });
});
