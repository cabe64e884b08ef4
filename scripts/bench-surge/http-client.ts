import http from 'node:http';

/** One answer as the load generator sees it; `status` 0 means no answer (see `failure`). */
export interface HttpAnswer {
  status: number;
  body: string;
  ms: number;
  failure?: 'timeout' | 'network';
}

export interface HttpClient {
  request(
    method: string,
    path: string,
    init?: {
      headers?: Record<string, string>;
      body?: unknown;
      /** Loopback address to send from (`127.0.3.7`): one client IP per virtual buyer. */
      localAddress?: string;
    },
  ): Promise<HttpAnswer>;
  /** Requests sent and not yet answered. */
  inFlight(): number;
  close(): void;
}

/**
 * A lean keep-alive HTTP/1.1 client on `node:http` for the load generator: one shared agent, no
 * limit on sockets (every in-flight request gets its own connection, as many browsers would),
 * idle sockets kept for reuse (pooled per source address), a hard deadline per request. Much cheaper per request than `fetch`,
 * so the generator is not what limits the numbers.
 *
 * @example const client = createHttpClient('http://127.0.0.1:3000', 10_000);
 */
export function createHttpClient(base: string, timeoutMs: number): HttpClient {
  const url = new URL(base);
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: Number.POSITIVE_INFINITY,
    maxFreeSockets: 16_384,
    scheduling: 'lifo',
  });
  let inFlight = 0;
  const request: HttpClient['request'] = (method, path, init = {}) =>
    new Promise((resolve) => {
      const started = performance.now();
      const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
      const headers: Record<string, string> = {
        'user-agent': 'floodgate-bench/1 (api client)',
        accept: 'application/json',
        ...init.headers,
      };
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(payload));
      }
      inFlight++;
      let settled = false;
      const done = (answer: Omit<HttpAnswer, 'ms'>) => {
        if (settled) return;
        settled = true;
        inFlight--;
        resolve({ ...answer, ms: performance.now() - started });
      };
      const req = http.request(
        {
          hostname: url.hostname,
          port: url.port,
          method,
          path,
          headers,
          agent,
          localAddress: init.localAddress,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', () => done({ status: 0, body: '', failure: 'network' }));
        },
      );
      // One deadline for the whole exchange, connecting included (a socket idle timeout would
      // not count the wait for a connection the server has not accepted yet).
      const timer = setTimeout(() => {
        done({ status: 0, body: '', failure: 'timeout' });
        req.destroy();
      }, timeoutMs);
      req.on('close', () => clearTimeout(timer));
      req.on('error', () => done({ status: 0, body: '', failure: 'network' }));
      req.end(payload);
    });
  return { request, inFlight: () => inFlight, close: () => agent.destroy() };
}
