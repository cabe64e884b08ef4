import { PassThrough } from 'node:stream';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './env';
import { createLogger, requestLog } from './logger';
import { requestId } from './request-id';

function capture() {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  return { stream, lines };
}

describe('request logs', () => {
  it('writes one JSON line per request with method, route, status, duration and request id', async () => {
    const { stream, lines } = capture();
    const app = new Hono<AppEnv>()
      .use(requestId)
      .use(requestLog(createLogger('info', stream)))
      .get('/api/items/:id', (c) => c.json({ ok: true }))
      .get('/boom', (c) => c.text('down', 503));
    await app.request('/api/items/42', { headers: { 'x-request-id': 'req-1' } });
    await app.request('/boom');
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'request',
      service: 'floodgate-origin',
      requestId: 'req-1',
      method: 'GET',
      route: '/api/items/:id',
      path: '/api/items/42',
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(lines[1]).toMatchObject({ level: 'error', status: 503, requestId: expect.any(String) });
  });

  it('labels levels as strings (what the dashboard query `level = "error"` matches), with an ISO time', async () => {
    const { stream, lines } = capture();
    const logger = createLogger('debug', stream);
    logger.debug('d');
    logger.warn('w');
    logger.fatal('f');
    await new Promise((r) => setImmediate(r));
    expect(lines.map((line) => line.level)).toEqual(['debug', 'warn', 'fatal']);
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('writes nothing at level silent', async () => {
    const { stream, lines } = capture();
    const app = new Hono<AppEnv>()
      .use(requestLog(createLogger('silent', stream)))
      .get('/', (c) => c.text('x'));
    await app.request('/');
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual([]);
  });
});
