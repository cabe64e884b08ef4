import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OriginUnreachableError } from './http-origin';
import type { EdgeRequest } from './http-types';
import { createOriginPool } from './origin-pool';

interface Instance {
  url: URL;
  seen: string[];
  /** When true, the instance reads the request, then drops the connection without answering. */
  hangUp: boolean;
  server: http.Server;
}

async function startInstance(name: string): Promise<Instance> {
  const instance = { seen: [] as string[], hangUp: false } as Instance;
  instance.server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      instance.seen.push(`${req.method} ${req.url}`);
      if (instance.hangUp) req.socket.destroy();
      else res.end(name);
    });
  });
  await new Promise<void>((resolve) => instance.server.listen(0, '127.0.0.1', resolve));
  instance.url = new URL(`http://127.0.0.1:${(instance.server.address() as AddressInfo).port}`);
  return instance;
}

/** A port on which nothing listens: connecting to it is refused. */
async function refusingUrl(): Promise<URL> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return new URL(`http://127.0.0.1:${port}`);
}

const request = (method: string, path = '/x'): EdgeRequest => ({
  method,
  path,
  querystring: '',
  headers: {},
  body: method === 'POST' ? Buffer.from('{}') : Buffer.alloc(0),
  clientIp: '127.0.0.1',
});

let a: Instance;
let b: Instance;
beforeAll(async () => {
  a = await startInstance('a');
  b = await startInstance('b');
});
afterAll(() => {
  for (const i of [a, b]) {
    i.server.closeAllConnections();
    i.server.close();
  }
});

describe('origin pool (several api instances behind one edge)', () => {
  it('sends requests round-robin across the instances', async () => {
    // Rule (local only, no CloudFront counterpart): the ALB spreads the origin's traffic across
    // its targets; the local edge stands in for it with round-robin.
    const pool = createOriginPool([a.url, b.url]);
    const bodies: string[] = [];
    for (let i = 0; i < 4; i++) bodies.push((await pool.fetch(request('GET'))).body.toString());
    pool.close();
    expect(bodies).toEqual(['a', 'b', 'a', 'b']);
  });

  it('skips an instance that refuses connections, retrying even a POST on the next one', async () => {
    // Rule ("Request and response behavior for custom origins", Origin connection timeout and
    // attempts): a connection that cannot be made is tried again; nothing was sent, so any
    // method may be retried.
    const pool = createOriginPool([await refusingUrl(), a.url]);
    const before = a.seen.length;
    const post = await pool.fetch(request('POST', '/api/holds'));
    expect(post.body.toString()).toBe('a');
    // The refusing instance is now skipped: every request goes straight to the live one.
    for (let i = 0; i < 3; i++)
      expect((await pool.fetch(request('GET'))).body.toString()).toBe('a');
    pool.close();
    expect(a.seen.length - before).toBe(4);
  });

  it('retries an idempotent request on the next instance when one hangs up mid-request', async () => {
    // Rule (local only, RFC 9110 §9.2.2): after a broken connection only idempotent methods
    // are sent again.
    b.hangUp = true;
    try {
      const pool = createOriginPool([b.url, a.url]);
      const res = await pool.fetch(request('GET', '/api/catalog/events'));
      pool.close();
      expect(res.body.toString()).toBe('a');
      expect(b.seen.at(-1)).toBe('GET /api/catalog/events');
    } finally {
      b.hangUp = false;
    }
  });

  it('never sends a POST twice when an instance hung up after receiving it', async () => {
    // Rule (local only, RFC 9110 §9.2.2): a POST that may have run is never replayed.
    b.hangUp = true;
    try {
      const pool = createOriginPool([b.url, a.url]);
      const before = a.seen.length;
      const attempt = pool.fetch(request('POST', '/api/checkout'));
      await expect(attempt).rejects.toBeInstanceOf(OriginUnreachableError);
      pool.close();
      expect(a.seen.length).toBe(before);
      expect(b.seen.at(-1)).toBe('POST /api/checkout');
    } finally {
      b.hangUp = false;
    }
  });

  it('fails with the refusal when every instance refuses', async () => {
    // Rule ("HTTP 502 status code (Bad Gateway)"): when the origin cannot be reached the viewer
    // gets 502; the pool hands the refusal up so the edge can answer it.
    const pool = createOriginPool([await refusingUrl(), await refusingUrl()]);
    const attempt = pool.fetch(request('GET'));
    await expect(attempt).rejects.toMatchObject({ refused: true });
    pool.close();
  });

  it('needs at least one URL', () => {
    // Rule ("Cache behavior settings", Origin): every behaviour targets an origin.
    expect(() => createOriginPool([])).toThrow(/at least one URL/);
  });
});
