import { Hono } from 'hono';
import { handle } from 'hono/lambda-edge';
import { describe, expect, it } from 'vitest';
import type { OriginRequestHandler } from './edge-handlers';
import { invokeLambda } from './edge-handlers';
import type { EdgeRequest } from './http-types';
import {
  buildOriginRequestEvent,
  interpretOriginRequestResult,
  LambdaValidationError,
} from './lambda-edge-event';

const request: EdgeRequest = {
  method: 'POST',
  path: '/wr/demo-arena/join',
  querystring: 'a=1',
  headers: { 'content-type': 'application/json', 'x-forwarded-for': '9.9.9.9' },
  body: Buffer.from('{"x":1}'),
  clientIp: '9.9.9.9',
};
const options = {
  distributionDomainName: 'd1.cloudfront.net',
  distributionId: 'E1',
  requestId: 'req-1',
  origin: new URL('http://127.0.0.1:8787'),
};

describe('buildOriginRequestEvent', () => {
  it('builds a CloudFront origin-request record with list headers and a base64 body', () => {
    // Rule ("Lambda@Edge event structure", Request events): Records[0].cf with config
    // (eventType origin-request), headers as lower-case name → [{ key, value }], clientIp, and
    // the body base64-encoded when include body is on.
    const cf = buildOriginRequestEvent(request, options).Records[0].cf;
    expect(cf.config).toEqual({
      distributionDomainName: 'd1.cloudfront.net',
      distributionId: 'E1',
      eventType: 'origin-request',
      requestId: 'req-1',
    });
    expect(cf.request.headers['content-type']).toEqual([
      { key: 'Content-Type', value: 'application/json' },
    ]);
    expect(cf.request.headers['x-forwarded-for']?.[0]?.key).toBe('X-Forwarded-For');
    expect(cf.request).toMatchObject({
      clientIp: '9.9.9.9',
      method: 'POST',
      uri: '/wr/demo-arena/join',
      querystring: 'a=1',
    });
    expect(cf.request.body).toEqual({
      action: 'read-only',
      data: Buffer.from('{"x":1}').toString('base64'),
      encoding: 'base64',
      inputTruncated: false,
    });
  });

  it('truncates bodies over 1 MB and says so', () => {
    // Rule ("Restrictions on Lambda@Edge", include body): an origin-request trigger sees at
    // most 1 MB of body, with inputTruncated true.
    const big = { ...request, body: Buffer.alloc(1024 * 1024 + 5) };
    const body = buildOriginRequestEvent(big, options).Records[0].cf.request.body;
    expect(body?.inputTruncated).toBe(true);
    expect(Buffer.from(body?.data ?? '', 'base64').length).toBe(1024 * 1024);
  });
});

describe('interpretOriginRequestResult', () => {
  it('reads a generated response with base64 body and several Set-Cookie headers', () => {
    // Rule ("Generate HTTP responses in request triggers"): status, headers as lists (several
    // Set-Cookie values), body with bodyEncoding base64 or text.
    const outcome = interpretOriginRequestResult(
      {
        status: '201',
        statusDescription: 'Created',
        headers: {
          'content-type': [{ key: 'Content-Type', value: 'application/json' }],
          'set-cookie': [{ value: 'a=1' }, { value: 'b=2' }],
        },
        body: Buffer.from('{"ok":true}').toString('base64'),
        bodyEncoding: 'base64',
      },
      request,
    );
    expect(outcome.kind).toBe('response');
    if (outcome.kind !== 'response') return;
    expect(outcome.response.status).toBe(201);
    expect(outcome.response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(outcome.response.body.toString()).toBe('{"ok":true}');
  });

  it('reads a request to forward, keeping the original body unless replaced', () => {
    // Rule ("Lambda@Edge event structure", Request events): a returned request is forwarded;
    // the body changes only with action replace.
    const outcome = interpretOriginRequestResult(
      { ...buildOriginRequestEvent(request, options).Records[0].cf.request, uri: '/rewritten' },
      request,
    );
    expect(outcome).toMatchObject({
      kind: 'forward',
      request: { path: '/rewritten', querystring: 'a=1' },
    });
    if (outcome.kind === 'forward') expect(outcome.request.body.toString()).toBe('{"x":1}');
  });

  it('rejects results CloudFront would reject', () => {
    // Rule ("HTTP 502 status code (Bad Gateway)", Lambda validation error): a result that is
    // neither a request nor a response is a validation error.
    expect(() => interpretOriginRequestResult(undefined, request)).toThrow(LambdaValidationError);
    expect(() => interpretOriginRequestResult({ status: 'abc' }, request)).toThrow(
      LambdaValidationError,
    );
    expect(() => interpretOriginRequestResult({ foo: 1 }, request)).toThrow(LambdaValidationError);
  });
});

describe('a hono/lambda-edge handler', () => {
  it('runs against the built event, both as a generated response and as a forward', async () => {
    // Rule ("Lambda@Edge event structure"): the event the local edge builds is one the real
    // hono/lambda-edge handler accepts, both to answer and to forward.
    const app = new Hono<{
      Bindings: { callback: (e: null, r: unknown) => void; request: unknown };
    }>();
    app.post('/wr/:id/join', async (c) =>
      c.json({ id: c.req.param('id'), body: await c.req.json() }, 201),
    );
    app.all('*', (c) => {
      c.env.callback(null, c.env.request);
      return c.body(null);
    });
    const handler: OriginRequestHandler = handle(app);
    const event = buildOriginRequestEvent(request, options);
    const generated = interpretOriginRequestResult(
      await invokeLambda(handler, event, 'wr', 'r1'),
      request,
    );
    expect(generated.kind).toBe('response');
    if (generated.kind === 'response') {
      expect(JSON.parse(generated.response.body.toString())).toEqual({
        id: 'demo-arena',
        body: { x: 1 },
      });
    }
    const other = buildOriginRequestEvent(
      { ...request, path: '/wr/other', method: 'GET' },
      options,
    );
    const forwarded = interpretOriginRequestResult(
      await invokeLambda(handler, other, 'wr', 'r2'),
      request,
    );
    expect(forwarded).toMatchObject({ kind: 'forward', request: { path: '/wr/other' } });
  });
});
