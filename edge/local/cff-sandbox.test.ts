import { describe, expect, it } from 'vitest';
import { createCloudFrontFunctionRunner } from './cff-sandbox';

// The access-token function itself is tested in edge/viewer-request/check-access-token.test.ts.

function viewerRequest() {
  return {
    version: '1.0',
    context: { eventType: 'viewer-request', requestId: 'req-cff-1' },
    viewer: { ip: '203.0.113.9' },
    request: { method: 'GET', uri: '/api/x', querystring: {}, headers: {}, cookies: {} },
  };
}

/** Runs a tiny function body under the sandbox. */
function runSnippet(
  code: string,
  options: {
    onLog?: (l: string) => void;
    timeoutMs?: number;
    now?: () => number;
    memoryLimitBytes?: number;
  } = {},
) {
  return createCloudFrontFunctionRunner({ code, kvs: { a: '1', j: '{"x":2}' }, ...options })(
    viewerRequest(),
  );
}

describe('cloudfront-js-2.0 limits', () => {
  it('refuses code over 10 KB', () => {
    // Rule ("Quotas", Quotas on CloudFront Functions): maximum function size 10 KB.
    const code = `function handler(e) { return e.request; }\n//${'x'.repeat(10 * 1024)}`;
    expect(() => createCloudFrontFunctionRunner({ code, kvs: {} })).toThrow(/limit is 10240/);
  });

  it('refuses unsupported syntax and imports before running anything', () => {
    // Rule ("JavaScript runtime 2.0 features for CloudFront Functions"): only the listed
    // language features and built-in modules exist; anything else fails when the code loads.
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
    // Rule ("JavaScript runtime 2.0 features for CloudFront Functions", Restricted features):
    // eval() and the Function constructor are not available.
    await expect(
      runSnippet("function handler(e) { return globalThis['ev' + 'al']('1'); }"),
    ).rejects.toThrow(/EvalError|Code generation/);
    await expect(
      runSnippet("function handler(e) { return (function () {}).constructor('return 1')(); }"),
    ).rejects.toThrow(/EvalError|Code generation/);
  });

  it('has no timers, fetch or process', async () => {
    // Rule ("Restrictions on CloudFront Functions"): no network access, no timers, no
    // environment or process globals.
    const result = await runSnippet(
      'function handler(e) { return { t: typeof setTimeout, f: typeof fetch, p: typeof process, i: typeof setInterval }; }',
    );
    expect(result).toEqual({ t: 'undefined', f: 'undefined', p: 'undefined', i: 'undefined' });
  });

  it('requires only crypto, querystring and buffer', async () => {
    // Rule ("JavaScript runtime 2.0 features for CloudFront Functions", Built-in modules):
    // crypto, querystring, buffer and the cloudfront module; no npm packages.
    const ok = await runSnippet(
      "function handler(e) { var q = require('querystring'); var B = require('buffer').Buffer; return { q: q.stringify({ a: 1 }), b: B.from('hi').toString('hex') }; }",
    );
    expect(ok).toEqual({ q: 'a=1', b: '6869' });
    await expect(
      runSnippet("function handler(e) { var m = 'f' + 's'; return require(m); }"),
    ).rejects.toThrow(/Cannot find module 'fs'/);
  });

  it('allows only md5, sha1 and sha256 hashes and HMACs, with hex/base64/base64url digests', async () => {
    // Rule ("JavaScript runtime 2.0 features for CloudFront Functions", Crypto): createHash and
    // createHmac with md5, sha1 or sha256; digests hex, base64 or base64url.
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
    // Rule ("Helper methods for key value stores"): kvs.get(key) reads a value and throws when
    // the key does not exist.
    const code =
      "import cf from 'cloudfront';\nasync function handler(e) { const s = cf.kvs(); return { a: await s.get('a'), j: await s.get('j', { format: 'json' }) }; }";
    expect(await runSnippet(code)).toEqual({ a: '1', j: { x: 2 } });
    const missing =
      "import cf from 'cloudfront';\nasync function handler(e) { return await cf.kvs().get('nope'); }";
    await expect(runSnippet(missing)).rejects.toThrow(/key not found: nope/);
  });

  it('allows console.log with one argument only', async () => {
    // Rule ("JavaScript runtime 2.0 features for CloudFront Functions", Restricted features):
    // console.log takes one argument.
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
    // Rule ("Restrictions on CloudFront Functions"; compute utilization): a function over its
    // time budget is stopped and the request fails (FunctionExecutionError).
    await expect(
      runSnippet('function handler(e) { for (;;) {} }', { timeoutMs: 20 }),
    ).rejects.toThrow(/time limit/);
    const afterAwait =
      "import cf from 'cloudfront';\nasync function handler(e) { await cf.kvs().get('a'); for (;;) {} }";
    await expect(runSnippet(afterAwait, { timeoutMs: 20 })).rejects.toThrow(/time limit/);
  });

  it('requires a global handler function', () => {
    // Rule ("Write function code" for CloudFront Functions): the code defines a top-level
    // function handler(event).
    expect(() => createCloudFrontFunctionRunner({ code: 'var x = 1;', kvs: {} })).toThrow(
      /handler/,
    );
  });

  it('freezes Date at the invocation start: it does not move while the function runs', async () => {
    // Rule ("JavaScript runtime 2.0 features for CloudFront Functions", Date): Date gives the
    // time the function started; it does not advance during the run.
    const code =
      'function handler(e) { var a = Date.now(); var x = 0; for (var i = 0; i < 2e6; i++) x += i; ' +
      'return { a: a, b: Date.now(), d: new Date().getTime(), epoch: new Date(0).getTime(), s: typeof Date() }; }';
    expect(await runSnippet(code, { now: () => 1_900_000_000_000 })).toEqual({
      a: 1_900_000_000_000,
      b: 1_900_000_000_000,
      d: 1_900_000_000_000,
      epoch: 0,
      s: 'string',
    });
  });

  it('freezes Date afresh for each invocation, also across an await', async () => {
    // Rule ("JavaScript runtime 2.0 features for CloudFront Functions", Date): each invocation
    // sees its own start time, unchanged across await.
    let t = 1_000;
    const run = createCloudFrontFunctionRunner({
      code: "import cf from 'cloudfront';\nasync function handler(e) { var a = Date.now(); await cf.kvs().get('a'); return { a: a, b: Date.now() }; }",
      kvs: { a: '1' },
      now: () => (t += 1_000),
    });
    expect(await run(viewerRequest())).toEqual({ a: 2_000, b: 2_000 });
    expect(await run(viewerRequest())).toEqual({ a: 3_000, b: 3_000 });
  });

  it('defaults the frozen clock to the host clock', async () => {
    // Rule ("JavaScript runtime 2.0 features for CloudFront Functions", Date): the frozen time
    // is the real start time of the invocation.
    const before = Date.now();
    const result = await runSnippet('function handler(e) { return { t: Date.now() }; }');
    expect(result.t).toBeGreaterThanOrEqual(before);
    expect(result.t).toBeLessThanOrEqual(Date.now());
  });

  it('fails a function that keeps more memory alive than the limit', async () => {
    // Rule ("Quotas", Quotas on CloudFront Functions): maximum function memory 2 MB; a function
    // over it fails.
    const hog =
      'var kept = [];\nfunction handler(e) { kept.push(new Array(1e6).fill(1.5)); return {}; }';
    await expect(runSnippet(hog)).rejects.toThrow(/memory limit/);
    const small =
      'function handler(e) { var a = new Array(1e3).fill(1.5); return { n: a.length }; }';
    expect(await runSnippet(small)).toEqual({ n: 1000 });
  });

  it('takes a memory limit of its own', async () => {
    // Rule ("Quotas", Quotas on CloudFront Functions): the memory quota is a fixed limit; the
    // sandbox takes it as a setting so tests can probe both sides of it.
    const code =
      'function handler(e) { var a = new Array(2e5).fill(1.5); return { n: a.length }; }';
    expect(await runSnippet(code, { memoryLimitBytes: 64 * 1024 * 1024 })).toEqual({ n: 2e5 });
    await expect(runSnippet(code, { memoryLimitBytes: 64 * 1024 })).rejects.toThrow(/memory limit/);
  });
});
