import { Redis as IORedis } from 'ioredis';
import { dropPrefix, redisUrl, uniquePrefix } from '../../../tests/helpers/redis';
import { startUpstashBridge, type UpstashBridge } from '../../local/upstash-bridge';
import { createIoredisRoomStore } from './ioredis';
import { createMemoryRoomStore } from './memory';
import type { RoomStore, RoomStoreOptions } from './types';
import { createUpstashRoomStore } from './upstash';

/**
 * The three room stores the contract tests run against: memory, ioredis and `@upstash/redis`
 * through the local Upstash-REST bridge, each over real Redis under its own key prefix.
 */

export const T0 = Date.UTC(2030, 0, 1, 12);
export const MIN = 60_000;

export interface Fixture {
  store: RoomStore;
  close(): Promise<void>;
}

/** [name, needs Redis, make]: for `describe.each`. */
export const implementations: [string, boolean, (o?: RoomStoreOptions) => Promise<Fixture>][] = [
  ['memory', false, async (o) => ({ store: createMemoryRoomStore(o), close: async () => {} })],
  [
    'ioredis',
    true,
    async (o) => {
      const redis = new IORedis(redisUrl as string);
      const prefix = uniquePrefix('room-ioredis');
      return {
        store: createIoredisRoomStore(redis, { ...o, prefix }),
        close: async () => {
          await dropPrefix(redis, prefix);
          await redis.quit();
        },
      };
    },
  ],
  [
    'upstash (through the local bridge)',
    true,
    async (o) => {
      const bridge: UpstashBridge = await startUpstashBridge({
        redisUrl: redisUrl as string,
        token: 'contract-token',
      });
      const prefix = uniquePrefix('room-upstash');
      const redis = new IORedis(redisUrl as string);
      return {
        store: createUpstashRoomStore({ ...o, url: bridge.url, token: bridge.token, prefix }),
        close: async () => {
          await dropPrefix(redis, prefix);
          await redis.quit();
          await bridge.close();
        },
      };
    },
  ],
];

/** A join as the edge makes it: ticket `t_<n>` for client `c_<n>`, valid for a day. */
export function joinAs(store: RoomStore, eventId: string, n: number | string, now = T0) {
  return store.join(
    eventId,
    { clientHash: `c_${n}`, ticketId: `t_${n}`, expiresAt: now + 86_400_000 },
    now,
  );
}

/**
 * Joins `count` clients in parallel; returns ticket id by position (positions depend on the
 * order Redis runs the scripts).
 */
export async function joinMany(store: RoomStore, eventId: string, count: number, now = T0) {
  const base = Math.random().toString(36).slice(2, 8);
  const joins = await Promise.all(
    Array.from({ length: count }, (_, i) => joinAs(store, eventId, `${base}_${i}`, now)),
  );
  const byPosition = new Map<number, string>();
  for (const j of joins) if (j) byPosition.set(j.position, j.ticketId);
  return byPosition;
}

/** Joins `count` clients one after the other, so ticket `t_<prefix><i>` holds position i. */
export async function joinInOrder(
  store: RoomStore,
  eventId: string,
  count: number,
  now = T0,
  prefix = '',
) {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const j = await joinAs(store, eventId, `${prefix}${i}`, now);
    ids.push(j?.ticketId ?? '');
  }
  return ids;
}
