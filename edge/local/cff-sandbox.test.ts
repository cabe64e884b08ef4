import { describe, expect, it } from 'vitest';
import { type AccessTokenClaims, signToken, type TokenKeys } from '../token';
import { compileViewerRequestFunction } from '../viewer-request/compile';
import { createCloudFrontFunctionRunner } from './cff-sandbox';

const keys: TokenKeys = {
  activeKid: 'k1',
  keys: { k1: 'cff-test-secret-0123456789abcdefghijklm' },
};
const kvs = { 'kid:k1': keys.keys.k1 as string };
const access: AccessTokenClaims = {
  typ: 'access',
  evt: 'demo-arena',
  tid: 't_ticket123',
  scp: 'buy',
};

function viewerRequest(headers: Record<string, { value: string }> = {}, cookies = {}) {
  return {
    version: '1.0',
    context: {
      distributionDomainName: 'd1.cloudfront.net',
      distributionId: 'E1',
      eventType: 'viewer-request',
      requestId: 'req-cff-1',
    },
    viewer: { ip: '203.0.113.9' },
    request: { method: 'POST', uri: '/api/holds', querystring: {}, headers, cookies },
  };
}

const bearer = (token: string) => viewerRequest({ authorization: { value: `Bearer ${token}` } });

/** Runs a tiny function body under the sandbox. */
function runSnippet(
  code: string,
  options: { onLog?: (l: string) => void; timeoutMs?: number } = {},
) {
  return createCloudFrontFunctionRunner({ code, kvs: { a: '1', j: '{"x":2}' }, ...options })(
    viewerRequest(),
  );
}

describe('the access-token function in the sandbox', () => {
  const run = createCloudFrontFunctionRunner({ code: compileViewerRequestFunction(), kvs });

  it('passes a valid bearer token on, adding x-floodgate-ticket', async () => {
    const result = await run(bearer(await signToken(access, keys, 600)));
    expect(result).toMatchObject({
      uri: '/api/holds',
      headers: { 'x-floodgate-ticket': { value: 't_ticket123' } },
    });
  });

  it('reads the token from the fg_access cookie and overrides a forged ticket header', async () => {
    const token = await signToken(access, keys, 600);
    const event = viewerRequest(
      { 'x-floodgate-ticket': { value: 't_forged' } },
      { fg_access: { value: token } },
    );
    const result = await run(event);
    expect((result.headers as Record<string, { value: string }>)['x-floodgate-ticket']?.value).toBe(
      't_ticket123',
    );
  });

  const denied: [string, () => Promise<unknown>, string][] = [
    ['no token', async () => viewerRequest(), 'unauthorized'],
    [
      'an expired token',
      async () => bearer(await signToken(access, keys, 60, Date.now() - 120_000)),
      'token_expired',
    ],
    [
      'a token forged with another secret',
      async () =>
        bearer(
          await signToken(
            access,
            { activeKid: 'k1', keys: { k1: 'attacker-secret-000000000000000000000' } },
            600,
          ),
        ),
      'token_invalid',
    ],
    [
      'a token with an unknown kid',
      async () =>
        bearer(
          await signToken(access, { activeKid: 'k2', keys: { k2: keys.keys.k1 as string } }, 600),
        ),
      'token_invalid',
    ],
    [
      'a token with the wrong scope',
      async () =>
        bearer(
          await signToken({ ...access, scp: 'admin' } as unknown as AccessTokenClaims, keys, 600),
        ),
      'token_invalid',
    ],
    [
      'a queue ticket instead of an access token',
      async () =>
        bearer(
          await signToken(
            { typ: 'ticket', evt: 'demo-arena', tid: 't_1', pos: 1, cs: 'x' },
            keys,
            600,
          ),
        ),
      'token_invalid',
    ],
    ['garbage', async () => bearer('not.a.jwt'), 'token_invalid'],
  ];

  it.each(denied)('answers 401 in the one error shape for %s', async (_name, makeEvent, code) => {
    const result = await run(await makeEvent());
    expect(result.statusCode, JSON.stringify(result)).toBe(401);
    const body = JSON.parse((result.body as { data: string }).data);
    expect(body).toEqual({ error: { code, message: expect.any(String), requestId: 'req-cff-1' } });
  });
});

describe('cloudfront-js-2.0 limits', () => {
  it('refuses code over 10 KB', () => {
    const code = `function handler(e) { return e.request; }\n//${'x'.repeat(10 * 1024)}`;
    expect(() => createCloudFrontFunctionRunner({ code, kvs: {} })).toThrow(/limit is 10240/);
  });

  it('refuses unsupported syntax and imports before running anything', () => {
    for (const code of [
      'function handler(e) { const { request } = e; return request; }',
      'function handler(e) { return e?.request; }',
      'function handler(e) { return { ...e.request }; }',
      "import x from 'lodash';\nfunction handler(e) { return e.request; }",
      "function handler(e) { require('fs'); return e.request; }",
    ]) {
      expect(() => createCloudFrontFunctionRunner({ code, kvs: {} }), code).toThrow(
        /unsupported syntax/,
      );
    }
  });

  it('has no eval or Function constructor at run time', async () => {
    await expect(
      runSnippet("function handler(e) { return globalThis['ev' + 'al']('1'); }"),
    ).rejects.toThrow(/EvalError|Code generation/);
    await expect(
      runSnippet("function handler(e) { return (function () {}).constructor('return 1')(); }"),
    ).rejects.toThrow(/EvalError|Code generation/);
  });

  it('has no timers, fetch or process', async () => {
    const result = await runSnippet(
      'function handler(e) { return { t: typeof setTimeout, f: typeof fetch, p: typeof process, i: typeof setInterval }; }',
    );
    expect(result).toEqual({ t: 'undefined', f: 'undefined', p: 'undefined', i: 'undefined' });
  });

  it('requires only crypto, querystring and buffer', async () => {
    const ok = await runSnippet(
      "function handler(e) { var q = require('querystring'); var B = require('buffer').Buffer; return { q: q.stringify({ a: 1 }), b: B.from('hi').toString('hex') }; }",
    );
    expect(ok).toEqual({ q: 'a=1', b: '6869' });
    await expect(
      runSnippet("function handler(e) { var m = 'f' + 's'; return require(m); }"),
    ).rejects.toThrow(/Cannot find module 'fs'/);
  });

  it('allows only md5, sha1 and sha256 hashes and HMACs, with hex/base64/base64url digests', async () => {
    const ok = await runSnippet(
      "function handler(e) { var c = require('crypto'); return { h: c.createHash('sha256').update('a').digest('hex').length, m: c.createHmac('md5', 'k').update('a').digest('base64url').length }; }",
    );
    expect(ok).toEqual({ h: 64, m: 22 });
    await expect(
      runSnippet("function handler(e) { return require('crypto').createHash('sha512'); }"),
    ).rejects.toThrow(/unsupported algorithm/);
    await expect(
      runSnippet("function handler(e) { return require('crypto').randomBytes(8); }"),
    ).rejects.toThrow(/not a function/);
  });

  it('reads the KeyValueStore through cf.kvs() and throws on a missing key', async () => {
    const code =
      "import cf from 'cloudfront';\nasync function handler(e) { const s = cf.kvs(); return { a: await s.get('a'), j: await s.get('j', { format: 'json' }) }; }";
    expect(await runSnippet(code)).toEqual({ a: '1', j: { x: 2 } });
    const missing =
      "import cf from 'cloudfront';\nasync function handler(e) { return await cf.kvs().get('nope'); }";
    await expect(runSnippet(missing)).rejects.toThrow(/key not found: nope/);
  });

  it('allows console.log with one argument only', async () => {
    const lines: string[] = [];
    await runSnippet("function handler(e) { console.log('hello'); return {}; }", {
      onLog: (l) => lines.push(l),
    });
    expect(lines).toEqual(['hello']);
    await expect(
      runSnippet("function handler(e) { console.log('a', 'b'); return {}; }"),
    ).rejects.toThrow(/exactly one argument/);
  });

  it('stops a function that runs too long, also after an await', async () => {
    await expect(
      runSnippet('function handler(e) { for (;;) {} }', { timeoutMs: 20 }),
    ).rejects.toThrow(/time limit/);
    const afterAwait =
      "import cf from 'cloudfront';\nasync function handler(e) { await cf.kvs().get('a'); for (;;) {} }";
    await expect(runSnippet(afterAwait, { timeoutMs: 20 })).rejects.toThrow(/time limit/);
  });

  it('requires a global handler function', () => {
    expect(() => createCloudFrontFunctionRunner({ code: 'var x = 1;', kvs: {} })).toThrow(
      /handler/,
    );
  });
});
