import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { compressResponse } from './compress';
import type { EdgeRequest } from './http-types';
import { contentTypeFor, createStaticOrigin } from './origins';

const dir = mkdtempSync(path.join(tmpdir(), 'floodgate-origin-'));
mkdirSync(path.join(dir, 'assets'));
writeFileSync(path.join(dir, 'index.html'), '<!doctype html><p>app</p>');
writeFileSync(path.join(dir, 'assets', 'a.css'), 'body{}');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const origin = createStaticOrigin(dir);
const req = (p: string, headers: Record<string, string> = {}): EdgeRequest => ({
  method: 'GET',
  path: p,
  querystring: '',
  headers,
  body: Buffer.alloc(0),
  clientIp: '127.0.0.1',
});

describe('static origin (S3 stand-in)', () => {
  it('serves files with their content type, an MD5 ETag and Last-Modified', async () => {
    // Rule ("Request and response behavior for Amazon S3 origins"): S3 returns the object's
    // Content-Type, an ETag (MD5 for simple uploads) and Last-Modified.
    const res = await origin(req('/assets/a.css'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.body.toString()).toBe('body{}');
  });

  it('answers 304 when the edge revalidates with a matching ETag or a later date', async () => {
    // Rule ("Request and response behavior for Amazon S3 origins", Conditional GET requests):
    // S3 answers CloudFront's If-None-Match / If-Modified-Since with 304 when unchanged.
    const first = await origin(req('/assets/a.css'));
    const etag = String(first.headers.etag);
    expect((await origin(req('/assets/a.css', { 'if-none-match': etag }))).status).toBe(304);
    const lm = String(first.headers['last-modified']);
    expect((await origin(req('/assets/a.css', { 'if-modified-since': lm }))).status).toBe(304);
    expect((await origin(req('/assets/a.css', { 'if-none-match': '"other"' }))).status).toBe(200);
  });

  it('serves index.html for / (default root object) and 404 for any missing key, app paths too', async () => {
    // Rule ("Specify a default root object"): only / maps to index.html; any other missing key
    // is a 404 from the bucket (app paths are rewritten by the spa-rewrite function first).
    expect((await origin(req('/'))).body.toString()).toContain('app');
    // App paths reach index.html through the spa-rewrite function, never the bucket.
    expect((await origin(req('/events/x'))).status).toBe(404);
    expect((await origin(req('/assets/nope.js'))).status).toBe(404);
  });

  it('never serves a file outside its folder', async () => {
    // Rule ("Request and response behavior for Amazon S3 origins"): a request can only name
    // keys in the bucket; dot segments never reach outside it.
    const outside = `${dir}-secret.txt`;
    writeFileSync(outside, 'top-secret');
    try {
      const res = await origin(req(`/%2e%2e/${path.basename(outside)}`));
      expect(res.status, res.body.toString()).toBe(404);
      expect(res.body.toString()).not.toContain('top-secret');
    } finally {
      rmSync(outside, { force: true });
    }
  });

  it('maps unknown extensions to application/octet-stream', () => {
    // Rule ("Request and response behavior for Amazon S3 origins"): S3 serves the stored
    // Content-Type, binary/octet-stream style when none is known.
    expect(contentTypeFor('x.bin')).toBe('application/octet-stream');
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
  });
});

describe('compressResponse', () => {
  const json = (size: number, headers: Record<string, string> = {}) => ({
    status: 200,
    headers: { 'content-type': 'application/json', etag: '"abc"', ...headers },
    body: Buffer.from('x'.repeat(size)),
  });

  it('gzips compressible bodies of 1 KB or more and weakens the ETag', () => {
    // Rule ("Serve compressed files", ETag header conversion): CloudFront compresses objects
    // from 1,000 bytes and turns a strong ETag into a weak one.
    const out = compressResponse(json(2000), 'gzip');
    expect(out.headers['content-encoding']).toBe('gzip');
    expect(out.headers.etag).toBe('W/"abc"');
    expect(gunzipSync(out.body).length).toBe(2000);
  });

  it('prefers brotli when the viewer accepts both', () => {
    // Rule ("Serve compressed files", How CloudFront compression works): when the viewer
    // accepts both, CloudFront uses Brotli.
    expect(compressResponse(json(2000), 'br,gzip').headers['content-encoding']).toBe('br');
  });

  it('leaves small, already encoded, or binary bodies alone', () => {
    // Rule ("Serve compressed files", Conditions for compression): no compression under
    // 1,000 bytes, when the origin already set Content-Encoding, or for types not on the list.
    expect(compressResponse(json(999), 'gzip').headers['content-encoding']).toBeUndefined();
    const encoded = json(2000, { 'content-encoding': 'identity' });
    expect(compressResponse(encoded, 'gzip')).toBe(encoded);
    const png = json(2000, { 'content-type': 'image/png' });
    expect(compressResponse(png, 'gzip')).toBe(png);
    expect(compressResponse(json(2000), undefined).headers['content-encoding']).toBeUndefined();
  });
});
