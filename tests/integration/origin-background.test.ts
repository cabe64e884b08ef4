import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../edge/token';
import { createIoredisRoomStore } from '../../edge/waiting-room/store/ioredis';
import type { RoomStore } from '../../edge/waiting-room/store/types';
import { DEV_ORGANIZER_KEY, DEV_TOKEN_KEYS, parseOriginConfig } from '../../origin/config';
import { type RunningOrigin, startOrigin } from '../../origin/server';
import { startTestDynamo, type TestDynamo } from '../../origin/testing/dynalite';
import { testEvent } from '../../origin/testing/harness';
import { expectStatus, jsonInit } from '../../origin/testing/http';
import { dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis';

const EVENT = 'bg-show';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The origin as `npm start` runs it (startOrigin from config), its waiting-room port built from
 * ROOM_REDIS_URL over real Redis: expired holds free their slot in the room without anyone
 * reading the hold again.
 */
describe.skipIf(!redisUrl)('origin background work against Redis + dynalite', () => {
  let db: TestDynamo;
  let origin: RunningOrigin;
  let redis: Redis;
  let room: RoomStore;
  let prefix: string;
  const clock = { now: Date.now() };

  beforeAll(async () => {
    db = await startTestDynamo();
    prefix = uniquePrefix('origin-bg');
    redis = new Redis(redisUrl as string);
    room = createIoredisRoomStore(redis, { prefix });
    const config = parseOriginConfig({
      DYNAMODB_ENDPOINT: db.endpoint,
      DYNAMODB_TABLE: db.tableName,
      ROOM_REDIS_URL: redisUrl,
      ROOM_KEY_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    });
    origin = await startOrigin({
      config,
      port: 0,
      host: '127.0.0.1',
      deps: { clock: () => clock.now },
      sweepIntervalMs: 20,
      healthIntervalMs: 0,
    });
  });

  afterAll(async () => {
    await origin?.close();
    await db?.close();
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });

  it('creating an event opens its room in the waiting room’s Redis', async () => {
    const res = await fetch(`${origin.url}/api/admin/events`, {
      ...jsonInit('POST', testEvent(EVENT, clock.now), {
        authorization: `Bearer ${DEV_ORGANIZER_KEY}`,
      }),
    });
    await expectStatus(res, 201);
    expect(await room.getConfig(EVENT)).toMatchObject({ ratePerMinute: expect.any(Number) });
  });

  it('an expired hold frees its waiting-room slot without being read', async () => {
    const joined = await room.join(
      EVENT,
      { clientHash: 'client-hash', ticketId: 't_bg', expiresAt: Date.now() + 3_600_000 },
      Date.now(),
    );
    const position = joined?.position as number;
    expect((await room.admit(EVENT, 't_bg', position, Date.now()))?.status).toBe('admitted');
    expect((await room.state(EVENT, Date.now()))?.activeBuyers).toBe(1);

    const token = await signToken(
      { typ: 'access', evt: EVENT, tid: 't_bg', scp: 'buy' },
      DEV_TOKEN_KEYS,
      900,
      clock.now,
    );
    const res = await fetch(
      `${origin.url}/api/events/${EVENT}/holds`,
      jsonInit('POST', { seats: ['main:A:1'] }, { authorization: `Bearer ${token}` }),
    );
    const { hold } = await expectStatus(res, 201);
    expect((await room.state(EVENT, Date.now()))?.activeBuyers).toBe(1);

    clock.now += 61_000; // the hold's minute is over; nobody reads it again
    let active = 1;
    for (let i = 0; i < 200 && active > 0; i++) {
      await sleep(10);
      active = (await room.state(EVENT, Date.now()))?.activeBuyers ?? -1;
    }
    expect(active).toBe(0);
    expect(await db.store.holds.get(hold.id)).toMatchObject({ status: 'EXPIRED' });
  });
});
