import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CARDS } from '../../origin/adapters/payments/sandbox';
import { createRedisClient } from '../../origin/adapters/redis-client';
import { DEV_TOKEN_KEYS } from '../../origin/config';
import { verifyTicketCode } from '../../origin/domain/ticket-code';
import { SimulatedCrash } from '../../origin/services/faults';
import { createTestOrigin, type TestOrigin, testEvent } from '../../origin/testing/harness';
import { expectError, expectStatus, jsonInit } from '../../origin/testing/http';
import { redisUrl, uniquePrefix } from '../helpers/redis';

const EVENT = 'int-show';
const LOCK_TTL_MS = 150;
const card = { number: SANDBOX_CARDS.approve, expiry: '12/39', cvc: '123' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!redisUrl)('origin booking against Redis + dynalite', () => {
  let redis: Redis;
  let prefix: string;
  let t: TestOrigin;
  /** The fault hook of the running origin: tests set it per case. */
  let fault: ((step: string) => void | Promise<void>) | undefined;

  beforeAll(async () => {
    redis = createRedisClient(redisUrl as string);
    await new Promise((resolve) => redis.once('ready', resolve));
    prefix = uniquePrefix('origin-booking');
    t = await createTestOrigin({
      redis,
      lockPrefix: prefix,
      lockTtlMs: LOCK_TTL_MS,
      faults: { before: (step) => fault?.(step) },
    });
    await t.services.admin.createEvent(testEvent(EVENT, t.clock.now));
  });
  afterEach(() => {
    fault = undefined;
  });
  afterAll(async () => {
    await t?.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  async function postHold(ticket: string, body: object, key?: string) {
    const headers: Record<string, string> = { authorization: await t.bearer(EVENT, ticket) };
    if (key) headers['idempotency-key'] = key;
    return t.app.request(`/api/events/${EVENT}/holds`, jsonInit('POST', body, headers));
  }

  async function postCheckout(ticket: string, holdId: string, key: string) {
    const headers = { authorization: await t.bearer(EVENT, ticket), 'idempotency-key': key };
    return t.app.request(
      `/api/events/${EVENT}/checkout`,
      jsonInit('POST', { holdId, email: 'x@example.com', card }, headers),
    );
  }

  async function settledOrder(orderId: string, secret: string) {
    for (let i = 0; i < 200; i++) {
      const { order } = await expectStatus(
        await t.app.request(`/api/orders/${orderId}?secret=${secret}`),
        200,
      );
      if (order.status !== 'PENDING') return order;
      await sleep(5);
    }
    throw new Error(`order ${orderId} stayed PENDING`);
  }

  /**
   * The invariant after any crash: each seat is AVAILABLE, HELD with an expiry, or SOLD to
   * exactly one live order (CONFIRMED with a ticket for it, or PENDING: paid, finishing on
   * retry); no confirmed ticket names a seat not sold to its order.
   */
  async function assertSeatsConsistent() {
    const seats = await t.db.store.seats.listSection(EVENT, 'main', true);
    for (const seat of seats) {
      if (seat.state === 'HELD') expect(seat.expiresAt, JSON.stringify(seat)).toBeGreaterThan(0);
      if (seat.state === 'SOLD') {
        const order = await t.db.store.orders.get(seat.orderId as string);
        expect(['CONFIRMED', 'PENDING'], JSON.stringify({ seat, order })).toContain(order?.status);
        if (order?.status === 'CONFIRMED')
          expect(order.tickets.map((x) => x.seatId)).toContain(seat.seatId);
      }
    }
    const bySeat = new Map(seats.map((s) => [s.seatId, s]));
    for (const seat of seats.filter((s) => s.state === 'SOLD')) {
      const order = await t.db.store.orders.get(seat.orderId as string);
      for (const ticket of order?.tickets ?? []) {
        expect(bySeat.get(ticket.seatId), ticket.seatId).toMatchObject({
          state: 'SOLD',
          orderId: order?.id,
        });
      }
    }
  }

  it('holds, checks out and confirms an order with verifiable ticket codes', async () => {
    const { hold } = await expectStatus(
      await postHold('t_happy', { seats: ['main:A:1', 'main:A:2'] }),
      201,
    );
    const { order } = await expectStatus(
      await postCheckout('t_happy', hold.id, 'happy-key-01'),
      201,
    );
    const done = await settledOrder(order.id, order.secret);
    expect(done.status).toBe('CONFIRMED');
    for (const ticket of done.tickets) {
      expect(verifyTicketCode(ticket.code, DEV_TOKEN_KEYS)?.seatId).toBe(ticket.seatId);
    }
    await assertSeatsConsistent();
  });

  it('frees the seats of an expired hold for another buyer', async () => {
    await expectStatus(await postHold('t_exp1', { seats: ['main:A:3'] }), 201);
    await expectError(await postHold('t_exp2', { seats: ['main:A:3'] }), 409, 'seat_taken');
    t.clock.now += 61_000;
    const { hold } = await expectStatus(await postHold('t_exp2', { seats: ['main:A:3'] }), 201);
    expect(hold.seats[0].seatId).toBe('main:A:3');
  });

  it('fences a holder whose lock expired: it cannot overwrite a seat now held by another', async () => {
    let resume!: () => void;
    const paused = new Promise<void>((r) => {
      resume = r;
    });
    let reachedLock!: () => void;
    const atLock = new Promise<void>((r) => {
      reachedLock = r;
    });
    fault = async (step) => {
      if (step !== 'hold:locked') return;
      fault = undefined; // only the first buyer pauses
      reachedLock();
      await paused;
    };
    const slow = postHold('t_paused', { seats: ['main:A:4'] });
    await atLock;
    await sleep(LOCK_TTL_MS * 2); // the paused buyer's lock lapses
    const { hold: winner } = await expectStatus(
      await postHold('t_quick', { seats: ['main:A:4'] }),
      201,
    );
    resume();
    await expectError(await slow, 409, 'seat_taken');
    const seat = await t.db.store.seats.get({
      eventId: EVENT,
      sectionId: 'main',
      seatId: 'main:A:4',
    });
    expect(seat).toMatchObject({ state: 'HELD', holdId: winner.id });
  });

  it.each(['hold:locked', 'hold:seat-written', 'hold:recorded'])(
    'a crash at %s leaves seats consistent, and a retry with the same key completes',
    async (crashAt) => {
      const seats = {
        'hold:locked': ['main:B:1'],
        'hold:seat-written': ['main:B:2', 'main:B:3'],
        'hold:recorded': ['main:B:4'],
      }[crashAt] as string[];
      const key = `crash-${crashAt.replace(':', '-')}`;
      fault = (step) => {
        if (step === crashAt) {
          fault = undefined;
          throw new SimulatedCrash(step);
        }
      };
      await expectError(await postHold('t_crash', { seats }, key), 500, 'internal');
      await assertSeatsConsistent();
      await sleep(LOCK_TTL_MS * 2); // locks of the "dead" attempt lapse
      const { hold } = await expectStatus(await postHold('t_crash', { seats }, key), 201);
      expect(hold.seats.map((s: { seatId: string }) => s.seatId).sort()).toEqual([...seats].sort());
      await t.services.holds.release(hold.id, 't_crash');
    },
  );

  it.each([
    'checkout:order-created',
    'checkout:charged',
    'checkout:seat-sold',
    'checkout:order-confirmed',
  ])(
    'a crash at %s never sells a seat twice, and a retry with the same key confirms',
    async (crashAt) => {
      const n = [
        'checkout:order-created',
        'checkout:charged',
        'checkout:seat-sold',
        'checkout:order-confirmed',
      ].indexOf(crashAt);
      const ticket = `t_co${n}`;
      const { hold } = await expectStatus(
        await postHold(ticket, { seats: [`main:B:${6 + n}`] }),
        201,
      );
      fault = (step) => {
        if (step === crashAt) {
          fault = undefined;
          throw new SimulatedCrash(step);
        }
      };
      const key = `checkout-crash-${n}`;
      const first = await postCheckout(ticket, hold.id, key);
      expect([201, 500], await first.clone().text()).toContain(first.status);
      await sleep(30); // let the sandbox's settlement (and its crash) happen
      await assertSeatsConsistent();
      const { order } = await expectStatus(await postCheckout(ticket, hold.id, key), 201);
      const done = await settledOrder(order.id, order.secret);
      expect(done.status, JSON.stringify(done)).toBe('CONFIRMED');
      expect(done.tickets).toHaveLength(1);
      await assertSeatsConsistent();
      const { paymentId } = (await t.db.store.orders.get(done.id)) ?? {};
      expect(t.payments.charges().filter((c) => c.paymentId === paymentId)).toHaveLength(1);
    },
  );

  it('answers 503 in the one shape while Redis is down, and recovers after', async () => {
    redis.disconnect();
    const res = await postHold('t_redis', { seats: ['main:A:9'] });
    const body = await expectError(res, 503, 'unavailable');
    expect(res.headers.get('retry-after')).toBe('2');
    expect(body.error.message).toMatch(/Redis/);
    const seat = await t.db.store.seats.get({
      eventId: EVENT,
      sectionId: 'main',
      seatId: 'main:A:9',
    });
    expect(seat?.state).toBe('AVAILABLE');
    await redis.connect();
    await expectStatus(await postHold('t_redis', { seats: ['main:A:9'] }), 201);
  });
});
