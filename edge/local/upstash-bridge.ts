import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { oncePerInterval } from '../../common/once-per-interval';

/**
 * A local stand-in for Upstash's REST API, backed by a real Redis, so the Lambda@Edge code runs
 * its own `@upstash/redis` client locally (no Docker, no SRH).
 *
 * Speaks what `@upstash/redis` sends (see its pkg/http.ts and pkg/pipeline.ts):
 * `POST /` with a JSON command array → `{ result }`; `POST /pipeline` and `POST /multi-exec`
 * with an array of commands → `[{ result } | { error }]`; `Authorization: Bearer <token>`;
 * with `Upstash-Encoding: base64`, every string in a result is base64 except the status `OK`.
 * Errors answer 400 `{ error }`; a bad token answers 401.
 */
export interface UpstashBridgeOptions {
  redisUrl: string;
  token: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

export interface UpstashBridge {
  url: string;
  token: string;
  close(): Promise<void>;
}

type Command = (string | number | boolean)[];

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function encode(value: unknown, base64: boolean): unknown {
  if (!base64) return value;
  if (typeof value === 'string') {
    return value === 'OK' ? value : Buffer.from(value, 'utf8').toString('base64');
  }
  if (Array.isArray(value)) return value.map((v) => encode(v, base64));
  return value;
}

function isCommand(value: unknown): value is Command {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    typeof value[0] === 'string' &&
    value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Starts the bridge.
 * @example
 * const bridge = await startUpstashBridge({ redisUrl: 'redis://127.0.0.1:6379', token: 'dev' });
 * const redis = new Redis({ url: bridge.url, token: bridge.token }); // @upstash/redis
 */
export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  const redis = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  // Connection errors: at most one JSON line per 5 s with how many were held back. Without a
  // listener ioredis prints "Unhandled error event" on every reconnect attempt.
  const due = oncePerInterval(5_000);
  redis.on('error', (error: unknown) => {
    const repeats = due();
    if (repeats !== false) {
      const line = { msg: 'upstash bridge: redis error', error: errorText(error), repeats };
      console.warn(JSON.stringify(line));
    }
  });
  await redis.connect();
  const run = (command: Command) => {
    const [name, ...args] = command.map(String);
    return redis.call(name as string, ...args);
  };

  async function route(path: string, body: unknown, base64: boolean) {
    if (path === '/' && isCommand(body)) {
      return { status: 200, body: { result: encode(await run(body), base64) } };
    }
    if ((path === '/pipeline' || path === '/multi-exec') && Array.isArray(body)) {
      if (!body.every(isCommand)) return { status: 400, body: { error: 'ERR malformed command' } };
      if (path === '/pipeline') {
        const results = await Promise.all(
          body.map((command) =>
            run(command).then(
              (result) => ({ result: encode(result, base64) }),
              (error: unknown) => ({ error: errorText(error) }),
            ),
          ),
        );
        return { status: 200, body: results };
      }
      const multi = redis.multi();
      for (const command of body) {
        const [name, ...args] = command.map(String);
        multi.call(name as string, ...args);
      }
      const replies = (await multi.exec()) ?? [];
      const results = replies.map(([error, result]) =>
        error ? { error: errorText(error) } : { result: encode(result, base64) },
      );
      return { status: 200, body: results };
    }
    return { status: 400, body: { error: 'ERR unsupported request' } };
  }

  const server = createServer((req, res) => {
    if (req.method !== 'POST') return send(res, 405, { error: 'ERR only POST is supported' });
    if (!tokenMatches(req.headers.authorization, options.token)) {
      return send(res, 401, { error: 'Unauthorized' });
    }
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const path = new URL(req.url ?? '/', 'http://bridge').pathname;
    readBody(req)
      .then((text) => route(path, JSON.parse(text) as unknown, base64))
      .then(
        ({ status, body }) => send(res, status, body),
        (error: unknown) => send(res, 400, { error: errorText(error) }),
      );
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    token: options.token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.quit();
    },
  };
}
