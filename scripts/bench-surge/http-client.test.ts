import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client';

describe('load generator HTTP client', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/hang') return; // never answers
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, body, ua: req.headers['user-agent'] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends JSON as an API client and returns status and body', async () => {
    const client = createHttpClient(base, 2_000);
    const answer = await client.request('POST', '/x', { body: { a: 1 } });
    client.close();
    expect(answer.status, answer.body).toBe(201);
    expect(JSON.parse(answer.body)).toEqual({
      method: 'POST',
      body: '{"a":1}',
      ua: 'floodgate-bench/1 (api client)',
    });
    expect(answer.failure).toBeUndefined();
  });

  it('gives up on a request that gets no answer, as a timeout, and frees its slot', async () => {
    const client = createHttpClient(base, 150);
    const answer = await client.request('GET', '/hang');
    expect(answer).toMatchObject({ status: 0, failure: 'timeout' });
    expect(client.inFlight()).toBe(0);
    client.close();
  });

  it('reports a refused connection as a network failure', async () => {
    const client = createHttpClient('http://127.0.0.1:1', 1_000);
    expect(await client.request('GET', '/')).toMatchObject({ status: 0, failure: 'network' });
    client.close();
  });
});
