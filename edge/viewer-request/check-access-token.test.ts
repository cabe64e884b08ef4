import { describe, expect, it } from 'vitest';
import { createCloudFrontFunctionRunner } from '../local/cff-sandbox';
import { type AccessTokenClaims, signToken, type TokenKeys } from '../token';
import { compileViewerRequestFunction } from './compile';

const keys: TokenKeys = {
  activeKid: 'k1',
  keys: { k1: 'cff-test-secret-0123456789abcdefghijklm' },
};
const access: AccessTokenClaims = {
  typ: 'access',
  evt: 'demo-arena',
  tid: 't_ticket123',
  scp: 'buy',
};
const HOLDS = '/api/events/demo-arena/holds';
const NOW = Date.UTC(2030, 5, 1, 12);

type Headers = Record<string, { value: string }>;
interface Answer {
  statusCode?: number;
  headers: Headers;
  body?: { data: string };
  uri?: string;
}

function viewerRequest(uri: string, headers: Headers = {}, cookies: Headers = {}) {
  return {
    version: '1.0',
    context: {
      distributionDomainName: 'd1.cloudfront.net',
      distributionId: 'E1',
      eventType: 'viewer-request',
      requestId: 'req-cff-1',
    },
    viewer: { ip: '203.0.113.9' },
    request: { method: 'POST', uri, querystring: {}, headers, cookies },
  };
}

const API = { accept: { value: 'application/json' } };
const BROWSER = { accept: { value: 'text/html,application/xhtml+xml,*/*;q=0.8' } };
const bearer = (token: string) => ({ authorization: { value: `Bearer ${token}` } });
const mint = (claims: AccessTokenClaims, ring = keys, ttl = 600, at = NOW) =>
  signToken(claims, ring, ttl, at);

// The sandbox freezes Date at NOW for every invocation, so expiry is exact and independent of
// the machine's clock.
const runner = createCloudFrontFunctionRunner({
  code: compileViewerRequestFunction(),
  kvs: { 'kid:k1': keys.keys.k1 as string },
  now: () => NOW,
});
const run = async (event: unknown) => (await runner(event)) as unknown as Answer;

describe('the access-token function lets through', () => {
  it.each([
    ['holds', HOLDS],
    ['one hold', '/api/events/demo-arena/holds/h_abcdefghijklmnopqrst'],
    ['checkout', '/api/events/demo-arena/checkout'],
  ])(
    'a jose-minted token for the path’s event (%s), adding x-floodgate-ticket',
    async (_n, uri) => {
      const result = await run(viewerRequest(uri, { ...API, ...bearer(await mint(access)) }));
      expect(result.statusCode, JSON.stringify(result)).toBeUndefined();
      expect(result.uri).toBe(uri);
      expect(result.headers['x-floodgate-ticket']).toEqual({ value: 't_ticket123' });
    },
  );

  it('a token in the fg_access cookie, overriding a forged ticket header', async () => {
    const forged = { 'x-floodgate-ticket': { value: 't_forged' } };
    const event = viewerRequest(HOLDS, forged, { fg_access: { value: await mint(access) } });
    const result = await run(event);
    expect(result.headers['x-floodgate-ticket']?.value, JSON.stringify(result)).toBe('t_ticket123');
  });

  it('a valid token on an /api path that carries no event (no event check there)', async () => {
    const other = { ...access, evt: 'another-show' };
    const result = await run(viewerRequest('/api/something', bearer(await mint(other))));
    expect(result.headers['x-floodgate-ticket']?.value, JSON.stringify(result)).toBe('t_ticket123');
  });
});

const tamper = async () => {
  const [h, p, s = ''] = (await mint(access)).split('.');
  const payload = JSON.parse(Buffer.from(p as string, 'base64url').toString());
  const forged = Buffer.from(JSON.stringify({ ...payload, evt: 'other-show' })).toString(
    'base64url',
  );
  return bearer(`${h}.${forged}.${s}`);
};

/** [case, headers, API status, API code] — the browser answer is always a 302 to the queue. */
const refusals: [string, () => Promise<Headers>, number, string][] = [
  ['no token', async () => ({}), 401, 'unauthorized'],
  ['a tampered payload', tamper, 401, 'token_invalid'],
  [
    'a token signed with another secret',
    async () => bearer(await mint(access, { activeKid: 'k1', keys: { k1: 'x'.repeat(40) } })),
    401,
    'token_invalid',
  ],
  [
    'an expired token',
    async () => bearer(await mint(access, keys, 60, NOW - 61_000)),
    401,
    'token_expired',
  ],
  [
    'a token expiring at this very second',
    async () => bearer(await mint(access, keys, 60, NOW - 60_000)),
    401,
    'token_expired',
  ],
  [
    'an unknown kid',
    async () => bearer(await mint(access, { activeKid: 'k2', keys: { k2: keys.keys.k1 ?? '' } })),
    401,
    'token_invalid',
  ],
  ['a malformed token', async () => bearer('not.a.jwt'), 401, 'token_invalid'],
  ['two parts only', async () => bearer('eyJhbGciOiJIUzI1NiJ9.e30'), 401, 'token_invalid'],
  [
    'a queue ticket instead of an access token',
    async () =>
      bearer(
        await mint({ typ: 'ticket', evt: 'demo-arena', tid: 't_1', pos: 1, cs: 'x' } as never),
      ),
    401,
    'token_invalid',
  ],
  [
    'a token for another event',
    async () => bearer(await mint({ ...access, evt: 'other-show' })),
    403,
    'not_admitted',
  ],
  [
    'a token with another scope',
    async () => bearer(await mint({ ...access, scp: 'admin' } as unknown as AccessTokenClaims)),
    403,
    'forbidden',
  ],
];

describe('the access-token function refuses', () => {
  it.each(refusals)(
    '%s: an API client gets %i in the one error shape',
    async (_n, make, status, code) => {
      const result = await run(viewerRequest(HOLDS, { ...API, ...(await make()) }));
      expect(result.statusCode, JSON.stringify(result)).toBe(status);
      expect(result.headers['content-type']?.value).toBe('application/json');
      expect(result.headers['cache-control']?.value).toBe('no-store');
      expect(result.headers['x-request-id']?.value).toBe('req-cff-1');
      const body = JSON.parse(result.body?.data ?? '');
      expect(body).toEqual({
        error: { code, message: expect.any(String), requestId: 'req-cff-1' },
      });
    },
  );

  it.each(refusals)(
    '%s: a browser is sent to the event page, where the queue is',
    async (_n, make) => {
      const result = await run(viewerRequest(HOLDS, { ...BROWSER, ...(await make()) }));
      expect(result.statusCode, JSON.stringify(result)).toBe(302);
      expect(result.headers.location).toEqual({ value: '/events/demo-arena' });
      expect(result.headers['cache-control']?.value).toBe('no-store');
      expect(result.body).toBeUndefined();
    },
  );

  it('a browser without a token on a path without an event goes to the storefront home', async () => {
    const result = await run(viewerRequest('/api/something', BROWSER));
    expect(result.statusCode, JSON.stringify(result)).toBe(302);
    expect(result.headers.location).toEqual({ value: '/' });
  });

  it.each([
    ['an invalid event id', '/api/events/Demo_Arena/holds'],
    ['a dot segment', '/api/events/demo-arena/../other-show/holds'],
    ['an encoded slash', '/api/events/demo-arena%2F..%2Fother-show/holds'],
  ])('a path with %s, even with a valid token (400)', async (_n, uri) => {
    const result = await run(viewerRequest(uri, { ...API, ...bearer(await mint(access)) }));
    expect(result.statusCode, JSON.stringify(result)).toBe(400);
    expect(JSON.parse(result.body?.data ?? '').error.code).toBe('bad_request');
  });

  it('an API client without an Accept header is answered in JSON, not redirected', async () => {
    const result = await run(viewerRequest(HOLDS));
    expect(result.statusCode, JSON.stringify(result)).toBe(401);
    expect(result.headers['www-authenticate']?.value).toBe('Bearer');
  });
});
