import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ioredisScripting } from '../../edge/waiting-room/store/ioredis';
import { SESSION_SCRIPT } from '../../edge/waiting-room/store/lua';
import { createRedisRoomStore } from '../../edge/waiting-room/store/redis';
import type { RoomStore } from '../../edge/waiting-room/store/types';
import { DEV_ORGANIZER_KEY } from '../../origin/config';
import { createTestOrigin, type TestOrigin, testEvent } from '../../origin/testing/harness';
import { expectError, expectStatus, jsonInit } from '../../origin/testing/http';
import { APPROVED_CARD } from '../../origin/testing/purchase';
import { dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis';

const EVENT = 'session-show';
const organizer = { authorization: `Bearer ${DEV_ORGANIZER_KEY}` };

/**
 * An access token must not outlive its slot: the origin asks the room store (real Redis) on
 * every buying request whether the ticket's session is still live.
 */
describe.skipIf(!redisUrl)('buying sessions end with their slot (origin + real room store)', () => {
  let t: TestOrigin;
  let redis: IORedis;
  let room: RoomStore;
  let sessionReads = 0;
  const prefix = uniquePrefix('wr-session');

  beforeAll(async () => {
    redis = new IORedis(redisUrl as string);
    const scripting = ioredisScripting(redis);
    room = createRedisRoomStore(
      {
        eval(script, keys, args) {
          if (script === SESSION_SCRIPT) sessionReads++;
          return scripting.eval(script, keys, args);
        },
      },
      { prefix },
    );
    t = await createTestOrigin({ admission: room });
    const created = await t.app.request(
      '/api/admin/events',
      jsonInit('POST', testEvent(EVENT, t.clock.now), organizer),
    );
    await expectStatus(created, 201);
    await room.configure(EVENT, { ratePerMinute: 6_000, maxActive: 10, sessionSeconds: 60 });
  });

  afterAll(async () => {
    await t?.close();
    await dropPrefix(redis, prefix);
    await redis.quit();
  });

  /** Joins and admits a buyer through the room store, as the edge does. */
  async function admitted(ticketId: string) {
    const joined = await room.join(
      EVENT,
      { clientHash: `c_${ticketId}`, ticketId, expiresAt: t.clock.now + 3_600_000 },
      t.clock.now,
    );
    t.clock.now += 1_000;
    const answer = await room.admit(EVENT, ticketId, joined?.position ?? 0, t.clock.now);
    expect(answer?.status).toBe('admitted');
  }

  /** Waits (bounded) until the order is confirmed and its fulfilment has ended the slot. */
  async function settledSlot(orderId: string, ticketId: string) {
    for (let i = 0; i < 200; i++) {
      const status = (await t.db.store.orders.get(orderId))?.status;
      if (
        status === 'CONFIRMED' &&
        (await room.sessionOf(EVENT, ticketId, t.clock.now)) === 'ended'
      )
        return;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`order ${orderId} never confirmed with its slot released`);
  }

  const hold = async (ticketId: string, seat: string) =>
    t.app.request(
      `/api/events/${EVENT}/holds`,
      jsonInit('POST', { seats: [seat] }, { authorization: await t.bearer(EVENT, ticketId) }),
    );

  it('lets a live session buy, with one session read per request', async () => {
    await admitted('t_live');
    const before = sessionReads;
    await expectStatus(await hold('t_live', 'main:A:1'), 201);
    expect(sessionReads - before).toBe(1);
  });

  it('refuses a token whose slot its purchase released with 403 session_ended', async () => {
    await admitted('t_bought');
    const held = await expectStatus(await hold('t_bought', 'main:A:2'), 201);
    const paid = await t.app.request(
      `/api/events/${EVENT}/checkout`,
      jsonInit(
        'POST',
        { holdId: held.hold.id, email: 'bought@example.com', card: APPROVED_CARD },
        { authorization: await t.bearer(EVENT, 't_bought') },
      ),
    );
    const { order } = await expectStatus(paid, 201);
    await t.payments.flush();
    await settledSlot(order.id, 't_bought');
    const after = await expectError(await hold('t_bought', 'main:A:3'), 403, 'session_ended');
    expect(after.error.message).toMatch(/ended/);
    // Joining again is the way back: a new ticket, a new session.
    await admitted('t_bought_again');
    await expectStatus(await hold('t_bought_again', 'main:A:4'), 201);
  });

  it('refuses a token still signed as valid after its session expired', async () => {
    await admitted('t_expiring');
    t.clock.now += 61_000; // the 60 s session is over; the token (900 s) is not
    await expectError(await hold('t_expiring', 'main:B:1'), 403, 'session_ended');
  });

  it('refuses a token for a ticket that was never admitted', async () => {
    await room.join(
      EVENT,
      { clientHash: 'c_waiting', ticketId: 't_waiting', expiresAt: t.clock.now + 3_600_000 },
      t.clock.now,
    );
    await expectError(await hold('t_waiting', 'main:B:2'), 403, 'session_ended');
  });

  it('lets a ticket the room store has no record of through on its signature alone', async () => {
    await expectStatus(await hold('t_unrecorded', 'main:B:3'), 201);
  });
});
