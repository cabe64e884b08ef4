import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalEdge, startLocalEdge } from '../../edge/local/server';
import { get, makeStorefront, startEdge, startTestOrigin, type TestOrigin } from './fixtures';

let origin: TestOrigin;
let edge: LocalEdge;
let web: ReturnType<typeof makeStorefront>;
const say = (r: { status: number; body: string; xcache: string | null }) =>
  `status ${r.status}, x-cache ${r.xcache}, body ${r.body}`;

function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        })
        .on('error', reject);
    },
  );
}

beforeAll(async () => {
  web = makeStorefront();
  origin = await startTestOrigin();
  edge = await startEdge(origin, { storefrontDir: web.dir });
});
afterAll(async () => {
  await edge.close();
  await origin.close();
  web.remove();
});

describe('storefront (S3 origin) through the local edge', () => {
  it('serves index.html at / with a content type, ETag and Last-Modified, then from cache', async () => {
    // Rule ("Specify a default root object"; "Request and response behavior for Amazon S3
    // origins"): / is served as index.html with S3's Content-Type, ETag and Last-Modified,
    // then cached by the behaviour's cache policy.
    const first = await get(edge, '/');
    expect(first.status, say(first)).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(first.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get('last-modified')).toMatch(/GMT$/);
    expect((await get(edge, '/')).xcache).toBe('Hit from cloudfront');
  });

  it('serves index.html for app paths through the spa-rewrite function, sharing one cached object', async () => {
    // Rule ("Customize at the edge with CloudFront Functions", viewer request): the function runs
    // before the cache lookup, so the rewritten URI (/index.html) is what the cache key holds.
    const res = await get(edge, '/events/demo-arena');
    expect(res.status, say(res)).toBe(200);
    expect(res.body).toContain('<title>Floodgate</title>');
    const other = await get(edge, '/checkout/h_123');
    expect(other.xcache, say(other)).toBe('Hit from cloudfront');
    expect(edge.stats().topKeys.map((k) => k.key)).toContain('/index.html');
  });

  it('keeps API 404s as API errors: no distribution-wide custom error response turns them into index.html', async () => {
    // Rule ("Generate custom error responses"): custom error responses apply to every behaviour
    // of a distribution, so the SPA fallback lives in a function on the default behaviour only.
    origin.reply(() => ({
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: '{"error":{"code":"not_found"}}',
    }));
    try {
      const api = await get(edge, '/api/catalog/events/nope');
      expect(api.status, say(api)).toBe(404);
      expect(api.body).not.toContain('<title>');
      const file = await get(edge, '/favicon.ico');
      expect(file.status, say(file)).toBe(404);
    } finally {
      origin.reply(() => ({ body: 'ok' }));
    }
  });

  it('answers 404 in the error shape for a missing asset, and never escapes the build folder', async () => {
    // Rule ("Request and response behavior for Amazon S3 origins"): a key not in the bucket is
    // answered 404 by the origin; nothing outside the bucket is reachable.
    const missing = await get(edge, '/assets/missing-123.js');
    expect(missing.status, say(missing)).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('not_found');
    const traversal = await rawGet(`${edge.url}/%2e%2e/%2e%2e/etc/passwd`, {});
    expect(traversal.body.toString()).not.toContain('root:');
  });

  it('answers a matching If-None-Match with 304 from the cache', async () => {
    // Rule ("Request and response behavior for custom origins", Conditional requests; RFC
    // 9110 §13.1.2): a viewer's If-None-Match that matches the cached ETag gets 304.
    const first = await get(edge, '/assets/logo.svg');
    expect(first.headers.get('content-type')).toBe('image/svg+xml');
    const etag = first.headers.get('etag') ?? '';
    const again = await rawGet(`${edge.url}/assets/logo.svg`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('compresses assets for gzip viewers and keys the cache on the normalised encoding', async () => {
    // Rule ("Serve compressed files"): with compression on, CloudFront normalises
    // Accept-Encoding to gzip/br, keys the cache on it and compresses objects from 1,000 bytes.
    const gz = await rawGet(`${edge.url}/assets/app-1a2b3c.js`, {
      'accept-encoding': 'gzip, deflate',
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gunzipSync(gz.body).toString()).toContain('console.log');
    const plain = await rawGet(`${edge.url}/assets/app-1a2b3c.js`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['x-cache']).toBe('Miss from cloudfront');
    const br = await rawGet(`${edge.url}/assets/app-1a2b3c.js`, { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    const gzAgain = await rawGet(`${edge.url}/assets/app-1a2b3c.js`, { 'accept-encoding': 'gzip' });
    expect(gzAgain.headers['x-cache']).toBe('Hit from cloudfront');
  });

  it('fails with a clear message naming the port when it is already in use', async () => {
    // Rule (local edge only, no CloudFront counterpart): start-up fails with a readable message.
    const port = Number(new URL(edge.url).port);
    const attempt = startLocalEdge({
      port,
      apiOrigin: origin.url,
      storefrontDir: web.dir,
      viewerRequestFunctions: { 'check-access-token': async (e) => e.request },
      originRequestLambdas: { 'waiting-room': async (e) => e.Records[0].cf.request },
    });
    await expect(attempt).rejects.toThrow(
      new RegExp(`Port ${port} .*already in use.*another port`),
    );
  });
});
