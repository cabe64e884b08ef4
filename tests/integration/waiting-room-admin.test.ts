import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIoredisRoomStore } from '../../edge/waiting-room/store/ioredis';
import type { RoomStore } from '../../edge/waiting-room/store/types';
import { DEV_ORGANIZER_KEY } from '../../origin/config';
import { createTestOrigin, type TestOrigin, testEvent } from '../../origin/testing/harness';
import { expectError, expectStatus, jsonInit } from '../../origin/testing/http';
import { dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis';

const organizer = { authorization: `Bearer ${DEV_ORGANIZER_KEY}` };
const HOUR = 3_600_000;

/**
 * The organizer's admission API and event API reach the waiting room: the origin in-process
 * (dynalite) with the real ioredis room store as its admission port, as deployed.
 */
describe.skipIf(!redisUrl)('organizer admission controls against the real room store', () => {
  let t: TestOrigin;
  let redis: IORedis;
  let room: RoomStore;
  const prefix = uniquePrefix('wr-admin');

  beforeAll(async () => {
    redis = new IORedis(redisUrl as string);
    room = createIoredisRoomStore(redis, { prefix });
    t = await createTestOrigin({ admission: room });
  });

  afterAll(async () => {
    await t?.close();
    await dropPrefix(redis, prefix);
    await redis.quit();
  });

  const admission = (eventId: string, init?: RequestInit) =>
    t.app.request(`/api/admin/events/${eventId}/admission`, init ?? { headers: organizer });

  it('sets an ISO opening time and adaptive mode with its bounds, and reads them back', async () => {
    const created = await t.app.request(
      '/api/admin/events',
      jsonInit('POST', testEvent('adm-adaptive', t.clock.now), organizer),
    );
    await expectStatus(created, 201);
    const opensAt = '2031-03-01T18:30:00.000Z';
    const patch = {
      opensAt,
      mode: 'adaptive',
      targetP95Ms: 450,
      minRatePerMinute: 40,
      maxRatePerMinute: 900,
      ratePerMinute: 2_000,
      abandonAfterSeconds: 45,
    };
    const put = await expectStatus(
      await admission('adm-adaptive', jsonInit('PUT', patch, organizer)),
      200,
    );
    const expected = {
      opensAt: Date.parse(opensAt),
      mode: 'adaptive',
      targetP95Ms: 450,
      minRatePerMinute: 40,
      maxRatePerMinute: 900,
      // Adaptive mode holds the current rate within the organizer's band.
      ratePerMinute: 900,
      abandonAfterSeconds: 45,
    };
    expect(put.admission).toMatchObject(expected);
    const got = await expectStatus(await admission('adm-adaptive'), 200);
    expect(got.admission).toMatchObject(expected);
    expect(await room.getConfig('adm-adaptive')).toMatchObject(expected);

    const epoch = await expectStatus(
      await admission(
        'adm-adaptive',
        jsonInit('PUT', { opensAt: Date.parse(opensAt) + HOUR }, organizer),
      ),
      200,
    );
    expect(epoch.admission.opensAt).toBe(Date.parse(opensAt) + HOUR);
    const cleared = await expectStatus(
      await admission('adm-adaptive', jsonInit('PUT', { opensAt: null }, organizer)),
      200,
    );
    expect(cleared.admission.opensAt).toBeNull();
  });

  it.each([
    ['an opening time that is not a date', { opensAt: 'next friday' }],
    ['an unknown mode', { mode: 'turbo' }],
    ['a fractional rate', { ratePerMinute: 1.5 }],
    ['an unknown field', { burst: 10 }],
    ['crossed rate bounds', { minRatePerMinute: 500, maxRatePerMinute: 100 }],
  ])('refuses %s with 400 validation_failed in the one error shape', async (_name, patch) => {
    const res = await admission('adm-adaptive', jsonInit('PUT', patch, organizer));
    await expectError(res, 400, 'validation_failed');
  });

  it('refuses bounds that cross the stored ones with 400 validation_failed', async () => {
    const res = await admission(
      'adm-adaptive',
      jsonInit('PUT', { minRatePerMinute: 5_000 }, organizer),
    );
    await expectError(res, 400, 'validation_failed');
    expect((await room.getConfig('adm-adaptive'))?.minRatePerMinute).toBe(40);
  });

  it('opens the room at the event’s on-sale time, with a pre-queue before it', async () => {
    const onSale = t.clock.now + 2 * HOUR;
    const definition = {
      ...testEvent('adm-onsale', t.clock.now),
      onSaleAt: new Date(onSale).toISOString(),
    };
    await expectStatus(
      await t.app.request('/api/admin/events', jsonInit('POST', definition, organizer)),
      201,
    );
    expect((await room.getConfig('adm-onsale'))?.opensAt).toBe(onSale);
    const early = await room.join(
      'adm-onsale',
      { clientHash: 'c_early', ticketId: 't_early', expiresAt: onSale + HOUR },
      t.clock.now,
    );
    expect(early).toMatchObject({ position: 0 });
    expect(early?.room.prequeue).toMatchObject({ joined: 1, sealed: false });

    const moved = onSale + HOUR;
    const update = { ...definition, onSaleAt: new Date(moved).toISOString() };
    await expectStatus(
      await t.app.request('/api/admin/events/adm-onsale', jsonInit('PUT', update, organizer)),
      200,
    );
    expect((await room.getConfig('adm-onsale'))?.opensAt).toBe(moved);
  });

  it('leaves an organizer’s own opening time alone when an update keeps the on-sale time', async () => {
    const definition = testEvent('adm-keep', t.clock.now);
    await expectStatus(
      await t.app.request('/api/admin/events', jsonInit('POST', definition, organizer)),
      201,
    );
    expect((await room.getConfig('adm-keep'))?.opensAt).toBe(Date.parse(definition.onSaleAt));
    const own = t.clock.now + 5 * HOUR;
    await expectStatus(
      await admission('adm-keep', jsonInit('PUT', { opensAt: own }, organizer)),
      200,
    );
    const renamed = { ...definition, name: 'Renamed Night' };
    await expectStatus(
      await t.app.request('/api/admin/events/adm-keep', jsonInit('PUT', renamed, organizer)),
      200,
    );
    expect((await room.getConfig('adm-keep'))?.opensAt).toBe(own);
  });
});
