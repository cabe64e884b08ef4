import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CARDS } from '../../origin/adapters/payments/sandbox';
import { createRedisClient } from '../../origin/adapters/redis-client';
import { type TicketPublicKeys, verifyTicketCode } from '../../origin/domain/ticket-code';
import { crashOnce, SimulatedCrash } from '../../origin/services/faults';
import { IDEMPOTENCY_STALE_MS } from '../../origin/services/idempotency';
import { createTestOrigin, type TestOrigin, testEvent } from '../../origin/testing/harness';
import { expectError, expectStatus, jsonInit } from '../../origin/testing/http';
import { dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis';

const EVENT = 'int-show';
const LOCK_TTL_MS = 150;
const card: { number: string; expiry: string; cvc: string } = {
  number: SANDBOX_CARDS.approve,
  expiry: '12/39',
  cvc: '123',
};
/** Settles only on `payments.flush()`: the test decides when the webhook arrives. */
const slowCard = { ...card, number: SANDBOX_CARDS.slowApprove };
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
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });

  async function postHold(ticket: string, body: object, key?: string) {
    const headers: Record<string, string> = { authorization: await t.bearer(EVENT, ticket) };
    if (key) headers['idempotency-key'] = key;
    return t.app.request(`/api/events/${EVENT}/holds`, jsonInit('POST', body, headers));
  }

  async function postCheckout(ticket: string, holdId: string, key: string, withCard = card) {
    const headers = { authorization: await t.bearer(EVENT, ticket), 'idempotency-key': key };
    return t.app.request(
      `/api/events/${EVENT}/checkout`,
      // One email per buyer: the per-email limit counts every order of an address.
      jsonInit(
        'POST',
        { holdId, email: `${ticket.replace(/\W/g, '')}@example.com`, card: withCard },
        headers,
      ),
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
    const jwks = await expectStatus(await t.app.request('/api/catalog/ticket-keys'), 200);
    for (const ticket of done.tickets) {
      expect((await verifyTicketCode(ticket.code, jwks as TicketPublicKeys))?.seatId).toBe(
        ticket.seatId,
      );
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

  /** Arms the fault hook to "kill" the origin once, at `crashAt`; `fired` tells it got there. */
  function crashOnceAt(crashAt: string) {
    const crash = crashOnce();
    crash.arm(crashAt);
    fault = crash.before;
    return crash;
  }

  /**
   * A crashed request left its Idempotency-Key claimed (a dead process releases nothing): a retry
   * is told it is in progress, until the claim is stale and a retry takes it over.
   */
  async function expectInProgressUntilStale(retry: () => Promise<Response>) {
    const busy = await retry();
    expect(busy.headers.get('retry-after')).toBe('1');
    await expectError(busy, 409, 'conflict');
    t.clock.now += IDEMPOTENCY_STALE_MS + 1;
  }

  const crashedBackground = (step: string) =>
    t.backgroundErrors.some((e) => e instanceof SimulatedCrash && e.step === step);

  it.each([
    ['hold:locked', ['main:B:1']],
    ['hold:seat-written', ['main:B:2', 'main:B:3']],
    ['hold:limit-reserved', ['main:B:5']],
    ['hold:recorded', ['main:B:4']],
  ])(
    'a crash at %s leaves seats consistent; a retry with the same key is told it is in progress, then completes once the claim is stale',
    async (crashAt, seats) => {
      const key = `crash-${crashAt.replace(':', '-')}`;
      const crash = crashOnceAt(crashAt);
      await expectError(await postHold('t_crash', { seats }, key), 500, 'internal');
      expect(crash.fired, 'the crash step was never reached').toBe(true);
      await assertSeatsConsistent();
      await expectInProgressUntilStale(() => postHold('t_crash', { seats }, key));
      await sleep(LOCK_TTL_MS * 2); // locks of the "dead" attempt lapse
      const { hold } = await expectStatus(await postHold('t_crash', { seats }, key), 201);
      expect(hold.seats.map((s: { seatId: string }) => s.seatId).sort()).toEqual([...seats].sort());
      const replay = await postHold('t_crash', { seats }, key);
      expect((await expectStatus(replay, 201)).hold.id).toBe(hold.id);
      await t.services.holds.release(hold.id, 't_crash');
    },
  );

  // Steps inside the request answer 500; the fulfilment steps run when the payment settles
  // (the webhook), after the request answered 201 PENDING.
  it.each([
    ['checkout:order-created', 500],
    ['checkout:charged', 500],
    ['checkout:seat-sold', 201],
    ['checkout:order-confirmed', 201],
  ])(
    'a crash at %s never sells a seat twice, and a retry with the same key confirms with one charge',
    async (crashAt, firstStatus) => {
      const n = ['order-created', 'charged', 'seat-sold', 'order-confirmed'].indexOf(
        crashAt.slice('checkout:'.length),
      );
      const ticket = `t_co${n}`;
      const { hold } = await expectStatus(
        await postHold(ticket, { seats: [`main:B:${6 + n}`] }),
        201,
      );
      const crash = crashOnceAt(crashAt);
      const key = `checkout-crash-${n}`;
      const first = await postCheckout(ticket, hold.id, key, slowCard);
      await expectStatus(first, firstStatus);
      await t.payments.flush(); // the webhook arrives now (and, for fulfilment steps, crashes)
      expect(crash.fired, 'the crash step was never reached').toBe(true);
      if (firstStatus === 201) expect(crashedBackground(crashAt)).toBe(true);
      await assertSeatsConsistent();
      if (firstStatus === 500) {
        await expectInProgressUntilStale(() => postCheckout(ticket, hold.id, key, slowCard));
      }
      const retry = await postCheckout(ticket, hold.id, key, slowCard);
      const { order } = await expectStatus(retry, 201);
      expect(retry.headers.get('idempotent-replayed')).toBe(firstStatus === 201 ? 'true' : null);
      await t.payments.flush();
      const done = await settledOrder(order.id, order.secret);
      expect(done.status, JSON.stringify(done)).toBe('CONFIRMED');
      expect(done.tickets).toHaveLength(1);
      await assertSeatsConsistent();
      const { paymentId } = (await t.db.store.orders.get(done.id)) ?? {};
      expect(t.payments.charges().filter((c) => c.paymentId === paymentId)).toHaveLength(1);
    },
  );

  it.each([
    ['checkout:seats-given-back', ['main:A:5', 'main:A:6']],
    ['checkout:refunded', ['main:A:7', 'main:A:8']],
  ])(
    'a payment landing after a lapsed hold lost a seat, crashing at %s, ends FAILED with exactly one refund on retry',
    async (crashAt, seats) => {
      const [kept, lost] = seats as [string, string];
      const ticket = `t_lapse-${crashAt.slice('checkout:'.length)}`;
      const { hold } = await expectStatus(await postHold(ticket, { seats }), 201);
      const key = `lapse-${crashAt.slice('checkout:'.length)}`;
      const { order } = await expectStatus(await postCheckout(ticket, hold.id, key, slowCard), 201);
      // Before the payment settles the hold lapses and a rival takes one of its seats.
      t.clock.now += 61_000;
      const rival = await expectStatus(await postHold(`${ticket}-rival`, { seats: [lost] }), 201);
      crashOnceAt(crashAt);
      await t.payments.flush();
      expect(crashedBackground(crashAt), 'the refund path did not crash').toBe(true);
      expect((await t.db.store.orders.get(order.id))?.status).toBe('PENDING');
      await assertSeatsConsistent();

      // The retry: the buyer's same request again, then reading the order drives it on.
      const retry = await postCheckout(ticket, hold.id, key, slowCard);
      expect((await expectStatus(retry, 201)).order.id).toBe(order.id);
      const done = await settledOrder(order.id, order.secret);
      expect(done).toMatchObject({ status: 'FAILED', failureReason: 'seats_unavailable' });
      expect(done.tickets).toEqual([]);
      const { paymentId } = (await t.db.store.orders.get(order.id)) ?? {};
      const refunds = t.payments.refunds().filter((r) => r.paymentId === paymentId);
      expect(refunds).toHaveLength(1);
      expect(done.refund).toMatchObject({
        refundId: refunds[0]?.refundId,
        amountCents: hold.totalCents,
      });
      const seat = (seatId: string) =>
        t.db.store.seats.get({ eventId: EVENT, sectionId: 'main', seatId });
      expect((await seat(kept))?.state).toBe('AVAILABLE');
      expect(await seat(lost)).toMatchObject({ state: 'HELD', holdId: rival.hold.id });
      await assertSeatsConsistent();
      // Reading it again changes nothing: still one refund.
      await settledOrder(order.id, order.secret);
      expect(t.payments.refunds().filter((r) => r.paymentId === paymentId)).toHaveLength(1);
    },
  );

  it('never oversells a general-admission tier when 30 buyers ask for 2 each of 20 places at once', async () => {
    const BUYERS = 30;
    const PER_BUYER = 2;
    /** One buyer retrying while told someone else is taking places right now. */
    async function buyer(i: number): Promise<string[]> {
      for (let attempt = 0; attempt < 40; attempt++) {
        const res = await postHold(`t_ga${i}`, {
          generalAdmission: { sectionId: 'pit', quantity: PER_BUYER },
        });
        const body = await res.json();
        if (res.status === 201) return body.hold.seats.map((s: { seatId: string }) => s.seatId);
        expect(res.status, JSON.stringify(body)).toBe(409);
        if (body.error.code === 'sold_out') return [];
        expect(body.error.code, JSON.stringify(body)).toBe('seat_taken');
        await sleep(5 + Math.random() * 20);
      }
      throw new Error(`buyer ${i} kept colliding`);
    }
    const won = await Promise.all(Array.from({ length: BUYERS }, (_, i) => buyer(i)));
    const granted = won.flat();
    expect(new Set(granted).size, 'a GA place was granted to two holds').toBe(granted.length);
    expect(granted.length).toBeLessThanOrEqual(20);
    expect(won.every((w) => w.length === 0 || w.length === PER_BUYER)).toBe(true);
    const units = await t.db.store.seats.listSection(EVENT, 'pit', true);
    const held = units.filter((u) => u.state === 'HELD');
    expect(held.map((u) => u.seatId).sort()).toEqual([...granted].sort());
    // Nothing was lost either: what the storm left can still be held, one by one, up to 20.
    let more = 0;
    for (let i = 0; i < 20; i++) {
      const res = await postHold(`t_ga-tail${i}`, {
        generalAdmission: { sectionId: 'pit', quantity: 1 },
      });
      if (res.status === 409) {
        await expectError(res, 409, 'sold_out');
        break;
      }
      await expectStatus(res, 201);
      more++;
    }
    expect(granted.length + more).toBe(20);
  });

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
