import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { errorBody } from '../../common/errors';
import { type EdgeRequest, type EdgeResponse, isNotModified } from './http-types';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The `Content-Type` S3 would store for a file name (by extension). */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The S3 origin, locally: files from `dir` with content types, an MD5 `ETag` and
 * `Last-Modified` (answering `If-None-Match` / `If-Modified-Since` with 304, as S3 does when the
 * edge revalidates). `/` serves `index.html` (the default root object). Any missing key is a
 * 404: single-page-app paths are rewritten to `/index.html` before the cache by the `spa-rewrite`
 * CloudFront Function on the default behaviour, not by the bucket.
 */
export function createStaticOrigin(dir: string): (req: EdgeRequest) => Promise<EdgeResponse> {
  const root = path.resolve(dir);
  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return jsonError(405, 'Method not allowed on the storefront origin', req);
    }
    const file = resolveInside(root, req.path);
    const found = file ? await readIfFile(file) : undefined;
    if (found) return fileResponse(found.path, found.body, found.mtime, req);
    return jsonError(404, `No file at ${req.path} in the storefront build (${root})`, req);
  };
}

function resolveInside(root: string, uriPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(uriPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const full = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  return full === root || full.startsWith(`${root}${path.sep}`) ? full : undefined;
}

async function readIfFile(
  file: string,
): Promise<{ path: string; body: Buffer; mtime: Date } | undefined> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return undefined;
    return { path: file, body: await readFile(file), mtime: info.mtime };
  } catch {
    return undefined;
  }
}

function fileResponse(file: string, body: Buffer, mtime: Date, req: EdgeRequest): EdgeResponse {
  const etag = `"${createHash('md5').update(body).digest('hex')}"`;
  const lastModified = new Date(Math.floor(mtime.getTime() / 1000) * 1000).toUTCString();
  const headers = { etag, 'last-modified': lastModified, 'accept-ranges': 'bytes' };
  // As S3: ETags compared strongly; an empty If-None-Match counts as absent.
  const conditions = {
    ifNoneMatch: req.headers['if-none-match'] || undefined,
    ifModifiedSince: req.headers['if-modified-since'],
  };
  const notModified = isNotModified(conditions, etag, lastModified, { weak: false });
  if (notModified) return { status: 304, headers, body: Buffer.alloc(0) };
  return {
    status: 200,
    headers: { ...headers, 'content-type': contentTypeFor(file) },
    body: req.method === 'HEAD' ? Buffer.alloc(0) : body,
  };
}

function jsonError(status: 404 | 405, message: string, req: EdgeRequest): EdgeResponse {
  const code = status === 404 ? 'not_found' : 'bad_request';
  const requestId = req.headers['x-amz-cf-id'] ?? 'local';
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(errorBody(code, message, requestId))),
  };
}
