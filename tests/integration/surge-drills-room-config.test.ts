/**
 * What the Redis-restart drill found, proved piece by piece against real Redis: a room whose
 * keys are gone (Redis restarted empty) comes back from the durable admission config the origin
 * keeps in DynamoDB, by the room-config keeper the origin starts, without an organizer.
 * Only this test's event's room keys are deleted (unique key prefix on the shared Redis).
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_TOKEN_KEYS } from '../../edge/token';
import { createWaitingRoomApp } from '../../edge/waiting-room/app';
import { createIoredisRoomStore } from '../../edge/waiting-room/store/ioredis';
import type { RoomStore } from '../../edge/waiting-room/store/types';
import { connectRedisClient } from '../../origin/adapters/redis-client';
import { DEV_ORGANIZER_KEY, parseOriginConfig } from '../../origin/config';
import { type RunningOrigin, startOrigin } from '../../origin/server';
import { startTestDynamo, type TestDynamo } from '../../origin/testing/dynalite';
import { testEvent } from '../../origin/testing/harness';
import { dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis';

const EVENT = 'keeper-show';
const ADMISSION = { ratePerMinute: 600, maxActive: 25, sessionSeconds: 120 };
const organizer = {
  authorization: `Bearer ${DEV_ORGANIZER_KEY}`,
  'content-type': 'application/json',
};

describe.skipIf(!redisUrl)('the waiting room survives Redis losing its config', () => {
  const prefix = uniquePrefix('room-keeper');
  let redis: Redis;
  let edgeRedis: Redis;
  let db: TestDynamo;
  let origin: RunningOrigin;
  let edgeRoom: RoomStore;
  let edge: ReturnType<typeof createWaitingRoomApp>;

  beforeAll(async () => {
    redis = await connectRedisClient(redisUrl as string);
    db = await startTestDynamo();
    origin = await startOrigin({
      config: parseOriginConfig({
        DYNAMODB_ENDPOINT: db.endpoint,
        DYNAMODB_TABLE: db.tableName,
        LOG_LEVEL: 'silent',
      }),
      deps: { admission: createIoredisRoomStore(redis, { prefix }), redis, lockPrefix: prefix },
      port: 0,
      host: '127.0.0.1',
      roomConfigIntervalMs: 200,
    });
    // The edge's own store: a second client, as Lambda@Edge has its own connection.
    edgeRedis = await connectRedisClient(redisUrl as string);
    edgeRoom = createIoredisRoomStore(edgeRedis, { prefix });
    edge = createWaitingRoomApp({
      store: edgeRoom,
      keys: DEV_TOKEN_KEYS,
      joinRateLimit: { limit: 10_000, windowSeconds: 60 },
    });
    const created = await fetch(`${origin.url}/api/admin/events`, {
      method: 'POST',
      headers: organizer,
      body: JSON.stringify(testEvent(EVENT)),
    });
    expect(created.status, await created.text()).toBe(201);
    const put = await fetch(`${origin.url}/api/admin/events/${EVENT}/admission`, {
      method: 'PUT',
      headers: organizer,
      body: JSON.stringify(ADMISSION),
    });
    expect(put.status, await put.text()).toBe(200);
  });

  afterAll(async () => {
    await origin?.close();
    await db?.close();
    await dropPrefix(redis, prefix);
    redis?.disconnect();
    edgeRedis?.disconnect();
  });

  const join = () =>
    edge.request(`/wr/${EVENT}/join`, {
      method: 'POST',
      headers: { 'user-agent': 'floodgate-test/1.0', 'x-forwarded-for': '203.0.113.10' },
    });

  it('restores the room from DynamoDB within a few keeper rounds, and joins work again', async () => {
    const before = await join();
    expect(before.status, await before.text()).toBe(201);
    // As if Redis restarted empty, for this event only: every key of its room is gone (a 404
    // "No waiting room" until the keeper puts the config back).
    const roomKeys = await redis.keys(`${prefix}wr:{${EVENT}}:*`);
    expect(roomKeys.length).toBeGreaterThan(0);
    await redis.del(...roomKeys);
    let res = await join();
    for (let i = 0; i < 100 && res.status === 404; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      res = await join();
    }
    expect(res.status, await res.text()).toBe(201);
    expect(await edgeRoom.getConfig(EVENT)).toMatchObject(ADMISSION);
  });
});
