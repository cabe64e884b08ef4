import http from 'node:http';
import https from 'node:https';
import type { EdgeRequest, EdgeResponse } from './http-types';
import { HOP_BY_HOP } from './origin-request';

/** The origin did not answer (connection refused, reset, timeout): CloudFront answers 502/504. */
export class OriginUnreachableError extends Error {
  override readonly name = 'OriginUnreachableError';
  constructor(
    message: string,
    /** True when the origin accepted the connection but did not answer in time. */
    readonly timedOut: boolean,
    /** True when the connection was refused, so nothing of the request was sent. */
    readonly refused = false,
  ) {
    super(message);
  }
}

export interface HttpOriginOptions {
  /** Origin response timeout in ms (CloudFront's default is 30 s). */
  readonly timeoutMs?: number;
}

/** A custom (HTTP) origin: forwards an already-filtered request and buffers the answer. */
export interface HttpOrigin {
  fetch(req: EdgeRequest): Promise<EdgeResponse>;
  close(): void;
}

/**
 * Creates a keep-alive HTTP proxy to `base` (e.g. `http://127.0.0.1:8787`). The `Host` header
 * is the origin's, as when the origin request policy does not forward the viewer's Host.
 */
export function createHttpOrigin(base: URL, options: HttpOriginOptions = {}): HttpOrigin {
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 256 })
    : new http.Agent({ keepAlive: true, maxSockets: 256 });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const basePath = base.pathname.replace(/\/$/, '');

  const fetch = (req: EdgeRequest): Promise<EdgeResponse> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...req.headers, host: base.host };
      if (req.body.length > 0 || !['GET', 'HEAD'].includes(req.method)) {
        headers['content-length'] = String(req.body.length);
      }
      const path = `${basePath}${req.path}${req.querystring ? `?${req.querystring}` : ''}`;
      const request = (secure ? https : http).request(
        {
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port,
          method: req.method,
          path,
          headers,
          agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (err) => reject(new OriginUnreachableError(err.message, false)));
          res.on('end', () => {
            const out: Record<string, string | string[]> = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (value === undefined || HOP_BY_HOP.has(name) || name === 'content-length')
                continue;
              out[name] = value;
            }
            resolve({
              status: res.statusCode ?? 502,
              statusText: res.statusMessage,
              headers: out,
              body: Buffer.concat(chunks),
            });
          });
        },
      );
      request.setTimeout(timeoutMs, () => {
        request.destroy(new OriginUnreachableError(`Origin ${base.host} timed out`, true));
      });
      request.on('error', (err: NodeJS.ErrnoException) => {
        const refused = err.code === 'ECONNREFUSED';
        reject(
          err instanceof OriginUnreachableError
            ? err
            : new OriginUnreachableError(`Origin ${base.host}: ${err.message}`, false, refused),
        );
      });
      request.end(req.body.length > 0 ? req.body : undefined);
    });

  return { fetch, close: () => agent.destroy() };
}
