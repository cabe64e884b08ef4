import { randomBytes } from 'node:crypto';
import http from 'node:http';
import {
  allBehaviours,
  type Behaviour,
  type ErrorCachingSpec,
  errorCaching,
  type ViewerRequestFunction,
} from '../behaviours';
import { compileSpaRewriteFunction } from '../viewer-request/compile';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import { formatCacheReport } from './cache-report';
import { CacheStore, type CacheStoreOptions } from './cache-store';
import { createCloudFrontFunctionRunner } from './cff-sandbox';
import type { OriginRequestHandler, ViewerRequestHandler } from './edge-handlers';
import type { EdgeRequest, EdgeResponse } from './http-types';
import { edgeUrlFor, listenOn } from './listen';
import { createOrigins } from './origins';
import { createPipeline } from './pipeline';
import { EdgeStats } from './stats';
import { edgeError } from './viewer-response';

export interface LocalEdgeOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** Defaults to the behaviours table of edge/behaviours.ts. */
  readonly behaviours?: readonly Behaviour[];
  /**
   * The Hono origin's URL, e.g. `http://127.0.0.1:8787`, or several instances of it: requests go
   * round-robin, an instance refusing connections is skipped (see `createOriginPool`).
   */
  readonly apiOrigin: string | readonly string[];
  /** The web build (`dist/web`), served as the S3 origin. */
  readonly storefrontDir: string;
  /**
   * CloudFront Functions by name. `spa-rewrite` defaults to the real compiled function in the
   * cloudfront-js-2.0 sandbox; `check-access-token` needs its key store, so callers wire it.
   */
  readonly viewerRequestFunctions: Record<'check-access-token', ViewerRequestHandler> &
    Partial<Record<ViewerRequestFunction, ViewerRequestHandler>>;
  readonly originRequestLambdas: Record<'waiting-room', OriginRequestHandler>;
  readonly cache?: CacheStoreOptions;
  /** Seconds errors stay cached where {@link errorCaching} names no TTL (CloudFront default 10). */
  readonly errorCachingMinTtl?: number;
  /**
   * Error caching per status code, the distribution's custom error responses. Defaults to the
   * table's (`errorCaching` in edge/behaviours.ts), as deployed.
   */
  readonly errorCaching?: readonly ErrorCachingSpec[];
  /** Origin response timeout in ms (default 30 s). */
  readonly originTimeoutMs?: number;
  /** Largest viewer body accepted (default 10 MiB). */
  readonly maxBodyBytes?: number;
  /** The cache's clock in ms (default `Date.now`); tests pass a fake one to age objects. */
  readonly now?: () => number;
}

export interface LocalEdge {
  readonly url: string;
  close(): Promise<void>;
  /** Removes cached objects by path pattern (`*` wildcard); returns how many were removed. */
  invalidate(paths: string[]): number;
  stats(): ReturnType<EdgeStats['snapshot']> & {
    cache: { objects: number; bytes: number };
    collapsing: { inFlight: number; waiting: number };
  };
  /** The cache report as text (hit ratio per behaviour, bytes from cache vs origin, top keys). */
  report(): string;
}

/**
 * Starts the local CloudFront: routing, caching and edge functions from the behaviours table,
 * the API as the custom origin and the web build as the S3 origin, plus `/_edge/` admin
 * endpoints. Edge handlers are injected so the real CloudFront Function runner and the real
 * Lambda@Edge handler run here exactly as deployed.
 *
 * @example
 * const edge = await startLocalEdge({ port: 3000, apiOrigin: origin.url, storefrontDir: 'dist/web',
 *   viewerRequestFunctions: { 'check-access-token': runCff }, originRequestLambdas: { 'waiting-room': handler } });
 */
export async function startLocalEdge(options: LocalEdgeOptions): Promise<LocalEdge> {
  const store = new CacheStore(options.cache);
  const stats = new EdgeStats();
  const apiOrigins =
    typeof options.apiOrigin === 'string' ? [options.apiOrigin] : options.apiOrigin;
  const { origins, close: closeOrigins } = createOrigins({
    apiOrigin: apiOrigins,
    storefrontDir: options.storefrontDir,
    timeoutMs: options.originTimeoutMs,
  });
  const pipeline = createPipeline({
    behaviours: options.behaviours ?? allBehaviours,
    origins,
    apiOrigin: new URL(apiOrigins[0] ?? 'http://127.0.0.1'),
    viewerRequestFunctions: {
      'spa-rewrite': createCloudFrontFunctionRunner({ code: compileSpaRewriteFunction(), kvs: {} }),
      ...options.viewerRequestFunctions,
    },
    originRequestLambdas: options.originRequestLambdas,
    store,
    stats,
    errorCachingMinTtl: options.errorCachingMinTtl,
    errorCaching: options.errorCaching ?? errorCaching,
    now: options.now,
    distributionDomainName: 'd111111abcdef8.cloudfront.net',
    distributionId: 'ELOCALEDGE0001',
  });
  const snapshot = () => ({
    ...stats.snapshot(),
    cache: { objects: store.size, bytes: store.totalBytes },
    collapsing: pipeline.collapsing(),
  });
  const edge = {
    invalidate: (paths: string[]) => store.invalidate(paths),
    stats: snapshot,
    report: () => formatCacheReport(snapshot()),
  };
  const maxBody = options.maxBodyBytes ?? 10 * 1024 * 1024;

  const server = http.createServer((req, res) => {
    readBody(req, maxBody)
      .then(async (body) => {
        const edgeRequest = toEdgeRequest(req, body);
        if (body === undefined) {
          const tooLarge = edgeError(413, 'payload_too_large', 'Request body too large', 'edge');
          return send(res, tooLarge, req.method);
        }
        const response = edgeRequest.path.startsWith(ADMIN_PREFIX)
          ? handleAdmin(edgeRequest, edge)
          : await pipeline(edgeRequest);
        send(res, response, req.method);
      })
      .catch((err: unknown) => {
        const msg = err instanceof Error ? err.message : String(err);
        send(res, edgeError(502, 'internal', msg, randomBytes(8).toString('hex')), req.method);
      });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const port = await listenOn(server, options.port, options.host ?? '127.0.0.1');
  return {
    url: edgeUrlFor(options.host, port),
    ...edge,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        closeOrigins();
      }),
  };
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toEdgeRequest(req: http.IncomingMessage, body: Buffer | undefined): EdgeRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? 'GET',
    path: (q < 0 ? url : url.slice(0, q)) || '/',
    querystring: q < 0 ? '' : url.slice(q + 1),
    headers,
    body: body ?? Buffer.alloc(0),
    clientIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
  };
}

function send(res: http.ServerResponse, response: EdgeResponse, method: string | undefined): void {
  if (res.headersSent) return;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (name !== 'content-length' && name !== 'transfer-encoding') {
      headers[name] = typeof value === 'string' ? value : [...value];
    }
  }
  const noBody = method === 'HEAD' || response.status === 204 || response.status === 304;
  if (response.status !== 204 && response.status !== 304) {
    headers['content-length'] = String(response.body.length);
  }
  res.writeHead(response.status, response.statusText ?? '', headers);
  res.end(noBody ? undefined : response.body);
}
