import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { type QueueTicketClaims, type TokenKeys, verifyToken } from '../token';
import {
  DEV_EDGE_CONFIG,
  type EdgeBundledConfig,
  edgeConfigDefine,
  parseEdgeConfig,
} from './bundled-config';
import { createWaitingRoomHandler, handler } from './handler';
import { createMemoryRoomStore } from './store/memory';

type Handler = (event: unknown) => Promise<unknown>;

interface GeneratedResponse {
  status: string;
  headers: Record<string, { key: string; value: string }[]>;
  body?: string;
  bodyEncoding?: string;
}

/** A CloudFront origin-request event as Lambda@Edge receives it (Records[0].cf). */
function originRequest(method: string, uri: string, clientIp = '203.0.113.178', body?: string) {
  return {
    Records: [
      {
        cf: {
          config: {
            distributionDomainName: 'd111111abcdef8.cloudfront.net',
            distributionId: 'EDFDVBD6EXAMPLE',
            eventType: 'origin-request',
            requestId: '4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==',
          },
          request: {
            clientIp,
            method,
            uri,
            querystring: '',
            headers: {
              host: [{ key: 'Host', value: 'd111111abcdef8.cloudfront.net' }],
              'user-agent': [{ key: 'User-Agent', value: 'floodgate-test' }],
              ...(body
                ? { 'content-type': [{ key: 'Content-Type', value: 'application/json' }] }
                : {}),
            },
            ...(body
              ? {
                  body: {
                    inputTruncated: false,
                    action: 'read-only',
                    encoding: 'base64',
                    data: Buffer.from(body).toString('base64'),
                  },
                }
              : {}),
          },
        },
      },
    ],
  };
}

function expectCloudFrontShape(result: unknown): asserts result is GeneratedResponse {
  const r = result as GeneratedResponse;
  expect(typeof r.status, JSON.stringify(result)).toBe('string');
  for (const [name, values] of Object.entries(r.headers)) {
    expect(name).toBe(name.toLowerCase());
    for (const v of values)
      expect(v).toEqual({ key: expect.any(String), value: expect.any(String) });
  }
}

describe('Lambda@Edge handler', () => {
  it('answers a join as a generated CloudFront response with cookies and JSON', async () => {
    const store = createMemoryRoomStore();
    await store.configure('demo-arena', {});
    const run = createWaitingRoomHandler({ store, keys: DEV_EDGE_CONFIG.keys }) as Handler;
    const result = await run(originRequest('POST', '/wr/demo-arena/join'));
    expectCloudFrontShape(result);
    expect(result.status, result.body).toBe('201');
    expect(result.bodyEncoding).toBeUndefined();
    expect(JSON.parse(result.body ?? '')).toMatchObject({ position: 1, eventId: 'demo-arena' });
    const cookies = (result.headers['set-cookie'] ?? []).map((h) => h.value);
    expect(
      cookies.some(
        (c) => c.startsWith('fg_client=') && c.includes('Secure') && c.includes('HttpOnly'),
      ),
    ).toBe(true);
    expect(cookies.some((c) => c.startsWith('fg_ticket='))).toBe(true);
  });

  it('rate-limits joins by the CloudFront clientIp', async () => {
    const store = createMemoryRoomStore();
    await store.configure('demo-arena', {});
    const run = createWaitingRoomHandler({
      store,
      keys: DEV_EDGE_CONFIG.keys,
      joinRateLimit: { limit: 1, windowSeconds: 60 },
    }) as Handler;
    expect(
      ((await run(originRequest('POST', '/wr/demo-arena/join', '192.0.2.1'))) as GeneratedResponse)
        .status,
    ).toBe('201');
    const limited = (await run(
      originRequest('POST', '/wr/demo-arena/join', '192.0.2.1'),
    )) as GeneratedResponse;
    expect(limited.status, limited.body).toBe('429');
    expect(limited.headers['retry-after']?.[0]?.value).toMatch(/^\d+$/);
    expect(
      ((await run(originRequest('POST', '/wr/demo-arena/join', '192.0.2.2'))) as GeneratedResponse)
        .status,
    ).toBe('201');
  });

  it('reads a base64 request body (admit with ticket and secret)', async () => {
    const store = createMemoryRoomStore();
    await store.configure('demo-arena', {}, Date.now());
    let now = Date.now();
    const run = createWaitingRoomHandler({
      store,
      keys: DEV_EDGE_CONFIG.keys,
      clock: () => now,
    }) as Handler;
    const joined = (await run(originRequest('POST', '/wr/demo-arena/join'))) as GeneratedResponse;
    const { ticket, clientSecret } = JSON.parse(joined.body ?? '');
    now += 1_000;
    const body = JSON.stringify({ ticket, clientSecret });
    const result = (await run(
      originRequest('POST', '/wr/demo-arena/admit', undefined, body),
    )) as GeneratedResponse;
    expectCloudFrontShape(result);
    expect(result.status, result.body).toBe('200');
    expect(JSON.parse(result.body ?? '').admitted).toBe(true);
  });

  it('serves the demo event from the development config when unbundled', async () => {
    const result = (await (handler as Handler)(
      originRequest('GET', '/wr/demo-arena/state'),
    )) as GeneratedResponse;
    expect(result.status, result.body).toBe('200');
    expect(result.headers['cache-control']?.[0]?.value).toBe('public, max-age=0, s-maxage=1');
  });

  it('uses the config baked in by esbuild define', async () => {
    const keys: TokenKeys = {
      activeKid: 'prod7',
      keys: { prod7: 'bundled-secret-zzzzzzzzzzzzzzzzzzzzzzzzzz' },
    };
    const config: EdgeBundledConfig = { ...DEV_EDGE_CONFIG, keys };
    const dir = mkdtempSync(join(tmpdir(), 'fg-edge-'));
    try {
      const outfile = join(dir, 'handler.mjs');
      await build({
        entryPoints: [new URL('./handler.ts', import.meta.url).pathname],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile,
        define: edgeConfigDefine(config),
        banner: {
          js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        },
        logLevel: 'silent',
      });
      const bundled = (await import(pathToFileURL(outfile).href)) as { handler: Handler };
      const result = (await bundled.handler(
        originRequest('POST', '/wr/demo-arena/join'),
      )) as GeneratedResponse;
      expect(result.status, result.body).toBe('201');
      const claims = await verifyToken<QueueTicketClaims>(
        JSON.parse(result.body ?? '').ticket,
        'ticket',
        keys,
      );
      expect(claims.evt).toBe('demo-arena');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a bundled config with a bad setting, naming it', () => {
    expect(() =>
      parseEdgeConfig({ ...DEV_EDGE_CONFIG, keys: { activeKid: 'x', keys: {} } }),
    ).toThrow(/keys/);
    expect(() =>
      parseEdgeConfig({ ...DEV_EDGE_CONFIG, upstash: { url: 'nope', token: 't' } }),
    ).toThrow(/upstash.url/);
  });
});
