import { Redis as IORedis } from 'ioredis';
import { startUpstashBridge } from '../../edge/local/upstash-bridge';
import type { TokenKeys } from '../../edge/token';
import { createWaitingRoomApp } from '../../edge/waiting-room/app';
import type { JoinRateLimit } from '../../edge/waiting-room/deps';
import { createIoredisRoomStore } from '../../edge/waiting-room/store/ioredis';
import type { RoomStore } from '../../edge/waiting-room/store/types';
import { createUpstashRoomStore } from '../../edge/waiting-room/store/upstash';
import { dropPrefix, uniquePrefix } from '../helpers/redis';

/**
 * The waiting room as deployed, against real Redis: the Hono app on the edge's store
 * (`@upstash/redis` through the local Upstash-REST bridge) and the origin's store (ioredis) on
 * the same keys, with a clock the test moves. Shared by tests/integration/waiting-room-*.test.ts.
 */

export const T0 = Date.UTC(2030, 0, 1, 12);
export const KEYS: TokenKeys = {
  activeKid: 'wr1',
  keys: { wr1: 'waiting-room-integration-secret-0123456789' },
};

export interface RoomFixture {
  app: ReturnType<typeof createWaitingRoomApp>;
  /** The edge's store (upstash through the bridge). */
  edge: RoomStore;
  /** The origin's store (ioredis), same keys. */
  origin: RoomStore;
  redis: IORedis;
  clock: { now: number };
  close(): Promise<void>;
}

export async function startRoomFixture(
  redisUrl: string,
  options: { joinRateLimit?: JoinRateLimit } = {},
): Promise<RoomFixture> {
  const bridge = await startUpstashBridge({ redisUrl, token: 'wr-integration' });
  const prefix = uniquePrefix('wr-int');
  const redis = new IORedis(redisUrl);
  const edge = createUpstashRoomStore({ url: bridge.url, token: bridge.token, prefix });
  const origin = createIoredisRoomStore(redis, { prefix });
  const clock = { now: T0 };
  const app = createWaitingRoomApp({
    store: edge,
    keys: KEYS,
    clock: () => clock.now,
    joinRateLimit: options.joinRateLimit ?? { limit: 1_000, windowSeconds: 60 },
  });
  return {
    app,
    edge,
    origin,
    redis,
    clock,
    async close() {
      await dropPrefix(redis, prefix);
      await redis.quit();
      await bridge.close();
    },
  };
}

export interface Answer {
  res: Response;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are read field by field
  json: any;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { res, text, json };
}

/** `name=value` pairs of the Set-Cookie headers, for a follow-up request. */
export function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export const API = (ip: string) => ({ 'user-agent': 'wr-test/1.0', 'x-forwarded-for': ip });

export async function post(
  fx: RoomFixture,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  return answer(
    await fx.app.request(path, {
      method: 'POST',
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

export async function get(fx: RoomFixture, path: string, headers: Record<string, string> = {}) {
  return answer(await fx.app.request(path, { headers }));
}
