import { Hono } from 'hono';
import { handle } from 'hono/lambda-edge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerRequestEvent } from '../../edge/local/cff-event';
import type { OriginRequestEvent } from '../../edge/local/lambda-edge-event';
import type { LocalEdge } from '../../edge/local/server';
import { fakeClock, get, startEdge, startTestOrigin, type TestOrigin } from './fixtures';

let origin: TestOrigin;
let edge: LocalEdge;
const clock = fakeClock();
const viewerEvents: ViewerRequestEvent[] = [];
const lambdaEvents: OriginRequestEvent[] = [];
const say = (r: { status: number; body: string; xcache: string | null }) =>
  `status ${r.status}, x-cache ${r.xcache}, body ${r.body}`;

/** Stands in for the real token check: 401 without a bearer token, else adds a header. */
async function checkAccessToken(event: ViewerRequestEvent): Promise<unknown> {
  viewerEvents.push(event);
  const auth = event.request.headers.authorization?.value ?? '';
  if (auth === 'Bearer crash') throw new Error('function crashed');
  if (auth === 'Bearer nonsense') return { statusCode: 99 };
  if (!auth.startsWith('Bearer ')) {
    return {
      statusCode: 401,
      statusDescription: 'Unauthorized',
      headers: { 'content-type': { value: 'application/json' } },
      body: { encoding: 'text', data: '{"error":{"code":"unauthorized"}}' },
    };
  }
  event.request.headers['x-floodgate-verified'] = { value: 'yes' };
  return event.request;
}

type Env = { Bindings: { callback: (err: null, r: unknown) => void; request: unknown } };
const room = new Hono<Env>();
let stateVersion = 0;
room.get('/wr/:eventId/state', (c) => {
  c.header('cache-control', 'public, max-age=0, s-maxage=1');
  return c.json({ eventId: c.req.param('eventId'), servingNumber: ++stateVersion });
});
room.post('/wr/:eventId/join', (c) => {
  c.header('set-cookie', `fg_ticket=t${++stateVersion}; Path=/; HttpOnly`);
  return c.json({ cookie: c.req.header('cookie') ?? null }, 201);
});
room.get('/wr/invalid', (c) => {
  c.env.callback(null, { nonsense: true });
  return c.body(null);
});
room.all('*', (c) => {
  c.env.callback(null, c.env.request);
  return c.body(null);
});
const waitingRoom = handle(room);

beforeAll(async () => {
  origin = await startTestOrigin();
  edge = await startEdge(origin, {
    now: clock.now,
    viewerFn: (event) => checkAccessToken(event),
    lambda: (event, context, callback) => {
      lambdaEvents.push(event);
      if (event.Records[0].cf.request.uri === '/wr/crash') throw new Error('lambda crashed');
      return waitingRoom(event, context, callback);
    },
  });
});
afterAll(async () => {
  await edge.close();
  await origin.close();
});

describe('edge functions in the local edge', () => {
  it('returns the viewer-request function 401 without reaching the origin', async () => {
    // Rule ("CloudFront Functions event structure", Response object): a viewer-request function
    // that returns a response ends the request there: no cache lookup, no origin request.
    const res = await get(edge, '/api/holds', { method: 'POST', body: '{}' });
    expect(res.status, say(res)).toBe(401);
    expect(res.xcache).toBe('FunctionGeneratedResponse from cloudfront');
    expect(JSON.parse(res.body).error.code).toBe('unauthorized');
    expect(origin.hits('/api/holds')).toBe(0);
  });

  it('forwards the request the viewer-request function returned, body and cookies included', async () => {
    // Rule ("CloudFront Functions event structure", Request object): the request the function
    // returns is what CloudFront processes next; cookies arrive parsed in event.request.cookies,
    // and the body (which the function never sees) travels on unchanged.
    const res = await get(edge, '/api/holds', {
      method: 'POST',
      headers: {
        authorization: 'Bearer ok',
        cookie: 'fg_access=abc',
        'content-type': 'application/json',
      },
      body: '{"eventId":"demo-arena"}',
    });
    expect(res.status, say(res)).toBe(200);
    const seen = origin.seen.find((s) => s.url === '/api/holds');
    expect(seen?.headers['x-floodgate-verified']).toBe('yes');
    expect(seen?.headers.authorization).toBe('Bearer ok');
    expect(seen?.headers.cookie).toBe('fg_access=abc');
    expect(seen?.body).toBe('{"eventId":"demo-arena"}');
    expect(viewerEvents.at(-1)?.request.cookies.fg_access).toEqual({ value: 'abc' });
  });

  it('answers 503 in the error shape when the viewer-request function throws', async () => {
    // Rule ("HTTP 503 status code (Service Unavailable)", function execution error): a
    // CloudFront Function that throws makes CloudFront answer 503 (FunctionExecutionError).
    const res = await get(edge, '/api/holds/h_1', { headers: { authorization: 'Bearer crash' } });
    expect(res.status, say(res)).toBe(503);
    expect(JSON.parse(res.body).error.message).toContain('FunctionExecutionError');
  });

  it('answers 502 when the viewer-request function returns something CloudFront rejects', async () => {
    // Rule ("HTTP 502 status code (Bad Gateway)", CloudFront Functions validation error): a
    // function result that is neither a valid request nor a valid response gets 502.
    const res = await get(edge, '/api/holds/h_1', {
      headers: { authorization: 'Bearer nonsense' },
    });
    expect(res.status, say(res)).toBe(502);
    expect(JSON.parse(res.body).error.message).toContain('FunctionValidationError');
    expect(origin.hits('/api/holds/h_1')).toBe(0);
  });

  it('caches the origin-request Lambda generated response per its TTL and skips the Lambda on hits', async () => {
    // Rule ("Generate HTTP responses in request triggers"): a response generated by an
    // origin-request trigger is cached like an origin's, by its Cache-Control, and the trigger
    // does not run on hits.
    const before = lambdaEvents.length;
    const first = await get(edge, '/wr/demo-arena/state');
    const second = await get(edge, '/wr/demo-arena/state');
    expect(first.xcache, say(first)).toBe('Miss from cloudfront');
    expect(second.xcache, say(second)).toBe('Hit from cloudfront');
    expect(JSON.parse(second.body).servingNumber).toBe(JSON.parse(first.body).servingNumber);
    expect(lambdaEvents.length - before).toBe(1);
    clock.advance(2);
    const third = await get(edge, '/wr/demo-arena/state');
    expect(third.xcache, say(third)).toBe('Miss from cloudfront');
    expect(lambdaEvents.length - before).toBe(2);
    expect(origin.hits('/wr/demo-arena/state')).toBe(0);
  });

  it('never caches a generated response that sets a cookie, and forwards only allowed cookies', async () => {
    // Rule ("Lambda@Edge event structure"; "Control origin requests with a policy"): the
    // origin-request event carries only the cookies the policies forward, and the body (include
    // body) base64-encoded; a POST and a Set-Cookie answer are never shared.
    const join = () =>
      get(edge, '/wr/demo-arena/join', {
        method: 'POST',
        headers: { cookie: 'fg_client=c1; tracking=x' },
        body: '{}',
      });
    const a = await join();
    const b = await join();
    expect(a.status, say(a)).toBe(201);
    expect(a.headers.get('set-cookie')).not.toBe(b.headers.get('set-cookie'));
    expect(JSON.parse(a.body).cookie).toBe('fg_client=c1');
    const event = lambdaEvents.at(-1)?.Records[0].cf;
    expect(event?.config.eventType).toBe('origin-request');
    expect(event?.request.body?.encoding).toBe('base64');
  });

  it('forwards to the origin when the Lambda calls back with the request', async () => {
    // Rule ("Lambda@Edge event structure", Request events): a trigger that returns the request
    // lets CloudFront send it on to the origin.
    origin.reply(() => ({ body: 'from origin' }));
    const res = await get(edge, '/wr/other/thing');
    expect(res.body, say(res)).toBe('from origin');
    expect(origin.hits('/wr/other/thing')).toBe(1);
  });

  it('answers 503 when the origin-request Lambda throws', async () => {
    // Rule ("HTTP 503 status code (Service Unavailable)", Lambda@Edge execution error): a
    // Lambda@Edge function that fails at run time makes CloudFront answer 503.
    const res = await get(edge, '/wr/crash');
    expect(res.status, say(res)).toBe(503);
    expect(JSON.parse(res.body).error.message).toContain('LambdaExecutionError: lambda crashed');
  });

  it('answers 502 when the Lambda returns something CloudFront rejects', async () => {
    // Rule ("HTTP 502 status code (Bad Gateway)", Lambda validation error): a trigger result
    // that does not match the event structure makes CloudFront answer 502.
    const res = await get(edge, '/wr/invalid');
    expect(res.status, say(res)).toBe(502);
    expect(JSON.parse(res.body).error.message).toContain('LambdaValidationError');
  });
});
