import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../common/errors';
import { freePort } from '../../scripts/free-port';
import { signToken, type TokenKeys } from '../token';
import { createWaitingRoomApp } from './app';
import { hashClientSecret, newClientSecret } from './client-secret';
import { createIoredisRoomStore, ioredisScripting } from './store/ioredis';
import type { RoomStore } from './store/types';
import { createUpstashRoomStore } from './store/upstash';

const keys: TokenKeys = { activeKid: 'k1', keys: { k1: 'app-test-secret-0123456789abcdefghijkl' } };
const API = { 'user-agent': 'floodgate-test/1.0', 'x-forwarded-for': '203.0.113.9' };

/**
 * Redis unreachable: the room's routes answer 503 `unavailable` with Retry-After in the one error
 * shape (not 500), through a real ioredis client (as the origin builds it: fail fast, no offline
 * queue) and a real @upstash/redis client (as Lambda@Edge has it), both at a closed port.
 */
describe('the waiting room while its Redis is unreachable', () => {
  let redis: Redis;
  let stores: Record<string, RoomStore>;
  let ticket: string;
  const clientSecret = newClientSecret();

  beforeAll(async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const port = await freePort();
    redis = new Redis(`redis://127.0.0.1:${port}`, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 1_000,
    });
    redis.on('error', () => undefined);
    const upstash = createUpstashRoomStore({ url: `http://127.0.0.1:${port}`, token: 't' });
    stores = {
      ioredis: createIoredisRoomStore(redis, { prefix: 'unavailable-test:' }),
      upstash,
    };
    ticket = await signToken(
      {
        typ: 'ticket',
        evt: 'demo-arena',
        tid: 'tk_1',
        pos: 1,
        cs: await hashClientSecret(clientSecret),
      },
      keys,
      3_600,
      Date.now(),
    );
  }, 20_000);
  afterAll(() => {
    redis.disconnect();
    vi.restoreAllMocks();
  });

  /** The request of each route (a function: the ticket is signed in beforeAll). */
  const request: Record<string, () => [string, RequestInit]> = {
    join: () => ['/wr/demo-arena/join', { method: 'POST', headers: API }],
    state: () => ['/wr/demo-arena/state', { headers: API }],
    admit: () => [
      '/wr/demo-arena/admit',
      {
        method: 'POST',
        headers: { ...API, 'content-type': 'application/json' },
        body: JSON.stringify({ ticket, clientSecret }),
      },
    ],
  };

  it('the ioredis adapter itself throws the named 503 unavailable error (the origin uses it bare)', async () => {
    const failure = await ioredisScripting(redis)
      .eval('return 1', [], [])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'unavailable', retryAfter: expect.any(Number) });
  });

  // @upstash/redis retries a failed fetch for ~4 s before it gives up: one route is enough there.
  const cases = [
    ['ioredis', 'join'],
    ['ioredis', 'state'],
    ['ioredis', 'admit'],
    ['upstash', 'join'],
  ] as const;
  for (const [kind, route] of cases) {
    it(`${route} answers 503 unavailable with Retry-After (${kind})`, async () => {
      const app = createWaitingRoomApp({ store: stores[kind] as RoomStore, keys });
      const res = await app.request(...(request[route] as () => [string, RequestInit])());
      const text = await res.text();
      expect(res.status, text).toBe(503);
      expect(JSON.parse(text)).toEqual({
        error: {
          code: 'unavailable',
          message: expect.any(String),
          requestId: expect.any(String),
        },
      });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }, 15_000);
  }
});
