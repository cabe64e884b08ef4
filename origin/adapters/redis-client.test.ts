import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../http/logger';
import { createRedisClient } from './redis-client';

describe('createRedisClient', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs connection errors through the logger, once per interval, never as unhandled', async () => {
    const unhandled = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warnings: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        warnings.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const logger = createLogger('warn', sink);
    // Port 1 refuses connections; reconnect every 10 ms so several errors arrive quickly.
    const redis = createRedisClient(
      'redis://:secret@127.0.0.1:1',
      { retryStrategy: () => 10 },
      { logger, name: 'locks', intervalMs: 60_000 },
    );
    let errors = 0;
    redis.on('error', () => errors++);
    try {
      for (let i = 0; i < 200 && errors < 3; i++) await new Promise((r) => setTimeout(r, 10));
    } finally {
      redis.disconnect();
    }
    expect(errors, 'the client kept reconnecting').toBeGreaterThanOrEqual(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      level: 'warn',
      redis: '127.0.0.1:1',
      client: 'locks',
      repeats: 0,
    });
    expect(JSON.stringify(warnings[0])).not.toContain('secret');
    const printed = unhandled.mock.calls.map((args) => args.map(String).join(' ')).join('\n');
    expect(printed).not.toMatch(/Unhandled error event/);
  });
});
