import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Behaviour, ErrorCachingSpec } from '../../edge/behaviours';
import type { OriginRequestHandler, ViewerRequestHandler } from '../../edge/local/edge-handlers';
import { type LocalEdge, startLocalEdge } from '../../edge/local/server';

/** What a test origin answers: status, headers and body, decided per request. */
export interface OriginReply {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP origin whose answers the test controls and whose requests it can read. */
export interface TestOrigin {
  url: string;
  seen: SeenRequest[];
  /** Requests received for a path (query string ignored). */
  hits(pathname: string): number;
  /** Replaces the answer function. */
  reply(fn: (req: SeenRequest) => OriginReply | Promise<OriginReply>): void;
  close(): Promise<void>;
}

export async function startTestOrigin(
  initial: (req: SeenRequest) => OriginReply | Promise<OriginReply> = () => ({ body: 'ok' }),
): Promise<TestOrigin> {
  let answer = initial;
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const entry = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      const r = await answer(entry);
      res.writeHead(r.status ?? 200, { 'content-type': 'text/plain', ...r.headers });
      res.end(r.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    hits: (p) => seen.filter((s) => s.url.split('?')[0] === p).length,
    reply: (fn) => {
      answer = fn;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A fake clock for the edge cache: `advance(seconds)` ages every cached object. */
export function fakeClock(start = Date.parse('2030-01-01T00:00:00Z')) {
  let t = start;
  return {
    now: () => t,
    advance: (seconds: number): void => {
      t += seconds * 1000;
    },
  };
}

/** A storefront build in a temp directory: index.html and one hashed asset. */
export function makeStorefront(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'floodgate-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Floodgate</title>');
  writeFileSync(
    path.join(dir, 'assets', 'app-1a2b3c.js'),
    `console.log(${JSON.stringify('x'.repeat(2000))});`,
  );
  writeFileSync(path.join(dir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface EdgeFixtureOptions {
  behaviours?: readonly Behaviour[];
  viewerFn?: ViewerRequestHandler;
  lambda?: OriginRequestHandler;
  storefrontDir?: string;
  now?: () => number;
  errorCachingMinTtl?: number;
  /** Per status code; default: the table's (edge/behaviours.ts), as deployed. */
  errorCaching?: readonly ErrorCachingSpec[];
}

/** Starts the local edge on a free port in front of `origin`. */
export function startEdge(
  origin: TestOrigin,
  options: EdgeFixtureOptions = {},
): Promise<LocalEdge> {
  return startLocalEdge({
    port: 0,
    apiOrigin: origin.url,
    storefrontDir: options.storefrontDir ?? path.join(tmpdir(), 'floodgate-no-web'),
    behaviours: options.behaviours,
    now: options.now,
    errorCachingMinTtl: options.errorCachingMinTtl,
    errorCaching: options.errorCaching,
    viewerRequestFunctions: {
      'check-access-token':
        options.viewerFn ?? (async (event) => (event as { request: unknown }).request),
    },
    originRequestLambdas: {
      'waiting-room': options.lambda ?? (async (event) => event.Records[0].cf.request),
    },
  });
}

/** Fetches through the edge and returns status, headers and body text (for failure messages). */
export async function get(
  edge: LocalEdge,
  pathAndQuery: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: string; xcache: string | null }> {
  const res = await fetch(`${edge.url}${pathAndQuery}`, init);
  const body = await res.text();
  return { status: res.status, headers: res.headers, body, xcache: res.headers.get('x-cache') };
}
