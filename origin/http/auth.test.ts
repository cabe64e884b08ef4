import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIoredisRoomStore } from '../../edge/waiting-room/store/ioredis';
import { createMemoryRoomStore } from '../../edge/waiting-room/store/memory';
import type { RoomStore } from '../../edge/waiting-room/store/types';
import { freePort } from '../../scripts/free-port';
import { SANDBOX_CARDS } from '../adapters/payments/sandbox';
import { createRedisClient } from '../adapters/redis-client';
import type { AdmissionPort } from '../services';
import { createTestOrigin, type TestOrigin, testEvent } from '../testing/harness';
import { expectError, expectStatus, jsonInit } from '../testing/http';

const EVENT = 'auth-show';

/** An admission port over the live room, or (once `down`) a real client of a dead Redis. */
function switchable(live: RoomStore, dead: RoomStore) {
  const state = { down: false };
  const room = () => (state.down ? dead : live);
  const port: AdmissionPort = {
    release: (e, t) => room().release(e, t),
    getConfig: (e) => room().getConfig(e),
    configure: (e, c) => room().configure(e, c as never),
    sessionOf: (e, t, now) => room().sessionOf(e, t, now),
  };
  return { port, state };
}

describe('requireAccess while the room store (Redis) is unreachable', () => {
  let t: TestOrigin;
  let room: RoomStore;
  let redis: ReturnType<typeof createRedisClient>;
  let outage: { down: boolean };
  const degraded: string[] = [];

  beforeAll(async () => {
    room = createMemoryRoomStore();
    redis = createRedisClient(
      `redis://127.0.0.1:${await freePort()}`,
      { retryStrategy: () => 1_000 },
      { logger: { warn: () => undefined } },
    );
    const { port, state } = switchable(room, createIoredisRoomStore(redis));
    outage = state;
    t = await createTestOrigin({ admission: port });
    t.deps.onDegraded = (_error, context) => degraded.push(context);
    await t.services.admin.createEvent(testEvent(EVENT, t.clock.now));
  });
  afterAll(async () => {
    await t?.close();
    redis?.disconnect();
  });

  async function admitted(ticketId: string): Promise<string> {
    const joined = await room.join(
      EVENT,
      { clientHash: `c_${ticketId}`, ticketId, expiresAt: t.clock.now + 3_600_000 },
      t.clock.now,
    );
    t.clock.now += 1_000; // the serving number advances with time
    const answer = await room.admit(EVENT, ticketId, joined?.position ?? 0, t.clock.now);
    expect(answer?.status).toBe('admitted');
    return t.bearer(EVENT, ticketId);
  }

  it('lets the signed token through and reports it, so a held order still completes', async () => {
    const auth = { authorization: await admitted('t_held') };
    const { hold } = await expectStatus(
      await t.app.request(
        `/api/events/${EVENT}/holds`,
        jsonInit('POST', { seats: ['main:A:1'] }, auth),
      ),
      201,
    );
    outage.down = true;
    try {
      const card = { number: SANDBOX_CARDS.approve, expiry: '12/39', cvc: '123' };
      const res = await t.app.request(
        `/api/events/${EVENT}/checkout`,
        jsonInit(
          'POST',
          { holdId: hold.id, email: 'a@example.com', card },
          { ...auth, 'idempotency-key': 'auth-outage-1' },
        ),
      );
      const { order } = await expectStatus(res, 201);
      let status = order.status;
      for (let i = 0; i < 200 && status === 'PENDING'; i++) {
        await new Promise((r) => setTimeout(r, 5));
        const read = await t.app.request(`/api/orders/${order.id}?secret=${order.secret}`);
        status = (await expectStatus(read, 200)).order.status;
      }
      expect(status).toBe('CONFIRMED');
      expect(degraded).toContain('session check');
    } finally {
      outage.down = false;
    }
  });

  it('still refuses a token whose session ended, once the store answers again', async () => {
    const auth = { authorization: await admitted('t_ended') };
    await room.release(EVENT, 't_ended', t.clock.now);
    await expectError(
      await t.app.request(
        `/api/events/${EVENT}/holds`,
        jsonInit('POST', { seats: ['main:A:2'] }, auth),
      ),
      403,
      'session_ended',
    );
  });
});
