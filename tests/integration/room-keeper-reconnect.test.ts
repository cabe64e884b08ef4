/**
 * The origin restores waiting rooms as soon as the room store's Redis is back, not on the
 * keeper's next timed round: its own ioredis client (created by bootstrap from ROOM_REDIS_URL)
 * against a private redis-server that is killed and started again empty. The keeper's interval
 * is a minute, so only the reconnect round can put the room back within the polling bound.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIoredisRoomStore } from '../../edge/waiting-room/store/ioredis';
import type { RoomStore } from '../../edge/waiting-room/store/types';
import { connectRedisClient } from '../../origin/adapters/redis-client';
import { DEV_ORGANIZER_KEY, parseOriginConfig } from '../../origin/config';
import { type RunningOrigin, startOrigin } from '../../origin/server';
import { startTestDynamo, type TestDynamo } from '../../origin/testing/dynalite';
import { testEvent } from '../../origin/testing/harness';
import { hasRedisServer, type PrivateRedis, startPrivateRedis } from './surge-drills-tools';

const EVENT = 'reconnect-show';
const ADMISSION = { ratePerMinute: 600, maxActive: 25, sessionSeconds: 120 };
const PREFIX = 'fgrc:';
const organizer = {
  authorization: `Bearer ${DEV_ORGANIZER_KEY}`,
  'content-type': 'application/json',
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!hasRedisServer)('the room-config keeper runs when Redis reconnects', () => {
  let server: PrivateRedis;
  let db: TestDynamo;
  let origin: RunningOrigin;
  let probe: Redis;
  let room: RoomStore;

  beforeAll(async () => {
    server = await startPrivateRedis();
    db = await startTestDynamo();
    origin = await startOrigin({
      config: parseOriginConfig({
        DYNAMODB_ENDPOINT: db.endpoint,
        DYNAMODB_TABLE: db.tableName,
        ROOM_REDIS_URL: server.url,
        ROOM_KEY_PREFIX: PREFIX,
        LOG_LEVEL: 'silent',
      }),
      port: 0,
      host: '127.0.0.1',
      roomConfigIntervalMs: 60_000,
    });
    probe = await connectRedisClient(server.url);
    room = createIoredisRoomStore(probe, { prefix: PREFIX });
    const created = await fetch(`${origin.url}/api/admin/events`, {
      method: 'POST',
      headers: organizer,
      body: JSON.stringify(testEvent(EVENT)),
    });
    expect(created.status, await created.text()).toBe(201);
    // The origin's room client may still be connecting (fail fast: 503 until it is ready).
    let put: Response | undefined;
    for (let i = 0; i < 50 && put?.status !== 200; i++) {
      if (put) await pause(100);
      put = await fetch(`${origin.url}/api/admin/events/${EVENT}/admission`, {
        method: 'PUT',
        headers: organizer,
        body: JSON.stringify(ADMISSION),
      });
    }
    expect(put?.status, await put?.text()).toBe(200);
  });

  afterAll(async () => {
    probe?.disconnect();
    await origin?.close();
    await db?.close();
    await server?.close();
  });

  it('restores the room right after Redis restarts empty, without waiting for the interval', async () => {
    expect(await room.getConfig(EVENT)).toMatchObject(ADMISSION);
    await server.kill();
    await server.start();
    let config = await room.getConfig(EVENT).catch(() => undefined);
    for (let i = 0; i < 150 && !config; i++) {
      await pause(100);
      config = await room.getConfig(EVENT).catch(() => undefined);
    }
    expect(
      config,
      'the room is back within the bound (the keeper interval is a minute)',
    ).toMatchObject(ADMISSION);
  }, 30_000);
});
