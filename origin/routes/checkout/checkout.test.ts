import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CARDS } from '../../adapters/payments/sandbox';
import { type TicketPublicKeys, verifyTicketCode } from '../../domain/ticket-code';
import { ORPHAN_CLAIM_MS } from '../../services/checkout-claim';
import { createTestOrigin, type TestOrigin, testEvent } from '../../testing/harness';
import { expectError, expectStatus, jsonInit } from '../../testing/http';

const EVENT = 'pay-show';
let t: TestOrigin;
beforeAll(async () => {
  t = await createTestOrigin();
  await t.services.admin.createEvent(testEvent(EVENT, t.clock.now));
});
afterAll(() => t?.close());

const card = (number: string = SANDBOX_CARDS.approve) => ({ number, expiry: '12/39', cvc: '123' });

async function hold(ticket: string, seats: string[]) {
  const res = await t.app.request(
    `/api/events/${EVENT}/holds`,
    jsonInit('POST', { seats }, { authorization: await t.bearer(EVENT, ticket) }),
  );
  return (await expectStatus(res, 201)).hold;
}

async function checkout(ticket: string, body: unknown, key?: string) {
  const headers: Record<string, string> = { authorization: await t.bearer(EVENT, ticket) };
  if (key) headers['idempotency-key'] = key;
  return t.app.request(`/api/events/${EVENT}/checkout`, jsonInit('POST', body, headers));
}

/** Reads the order until the sandbox has settled it (bounded; no timing assertion). */
async function settled(orderId: string, secret: string) {
  for (let i = 0; i < 200; i++) {
    const body = await expectStatus(
      await t.app.request(`/api/orders/${orderId}?secret=${secret}`),
      200,
    );
    if (body.order.status !== 'PENDING') return body.order;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`order ${orderId} stayed PENDING`);
}

describe('checkout', () => {
  it('confirms an order with one verifiable ticket per seat and marks the seats sold', async () => {
    const h = await hold('t_buyer', ['main:A:1', 'main:A:2']);
    const res = await checkout(
      't_buyer',
      { holdId: h.id, email: 'a@example.com', card: card() },
      'checkout-key-1',
    );
    const { order } = await expectStatus(res, 201);
    expect(order).toMatchObject({
      status: 'PENDING',
      totalCents: 10000,
      secret: expect.any(String),
    });
    const done = await settled(order.id, order.secret);
    expect(done.status).toBe('CONFIRMED');
    expect(done.secret).toBeUndefined();
    expect(done.tickets.map((x: { seatId: string }) => x.seatId).sort()).toEqual([
      'main:A:1',
      'main:A:2',
    ]);
    // As a door scanner would: the published public keys only.
    const jwks = await expectStatus(await t.app.request('/api/catalog/ticket-keys'), 200);
    for (const ticket of done.tickets) {
      expect(await verifyTicketCode(ticket.code, jwks as TicketPublicKeys)).toEqual({
        ticketId: ticket.id,
        eventId: EVENT,
        seatId: ticket.seatId,
      });
    }
    const stats = await t.services.admin.stats(EVENT);
    expect(stats).toMatchObject({ sold: 2, orders: 1, revenueCents: 10000 });
    expect(t.released).toContainEqual({ eventId: EVENT, ticketId: 't_buyer' });
    const replay = await checkout(
      't_buyer',
      { holdId: h.id, email: 'a@example.com', card: card() },
      'checkout-key-1',
    );
    expect((await expectStatus(replay, 201)).order.id).toBe(order.id);
  });

  it('answers 409 idempotency_conflict when a checkout key is reused with another body, charging nothing more', async () => {
    const h = await hold('t_reuse', ['main:A:4']);
    const body = { holdId: h.id, email: 'r@example.com', card: card() };
    const { order } = await expectStatus(await checkout('t_reuse', body, 'reuse-key-1'), 201);
    const charges = t.payments.charges().length;
    await expectError(
      await checkout('t_reuse', { ...body, email: 'other@example.com' }, 'reuse-key-1'),
      409,
      'idempotency_conflict',
    );
    await expectError(
      await checkout('t_reuse', { ...body, card: card(SANDBOX_CARDS.decline) }, 'reuse-key-1'),
      409,
      'idempotency_conflict',
    );
    expect(t.payments.charges()).toHaveLength(charges);
    expect((await settled(order.id, order.secret)).email).toBe('r@example.com');
  });

  it('charges once when one hold is checked out twice at once under different keys; the other gets 409 hold_in_checkout', async () => {
    const h = await hold('t_twice', ['main:A:5']);
    // The slow card keeps the first order PENDING until `flush()`: the clash is not a race.
    const body = { holdId: h.id, email: 'tw@example.com', card: card(SANDBOX_CARDS.slowApprove) };
    const charges = t.payments.charges().length;
    const answers = await Promise.all([
      checkout('t_twice', body, 'twice-key-a'),
      checkout('t_twice', body, 'twice-key-b'),
    ]);
    const texts = await Promise.all(answers.map((r) => r.clone().text()));
    expect(answers.map((r) => r.status).sort(), texts.join('\n')).toEqual([201, 409]);
    const winner = answers.find((r) => r.status === 201) as Response;
    const loser = answers.find((r) => r.status === 409) as Response;
    await expectError(loser, 409, 'hold_in_checkout');
    const { order } = await expectStatus(winner, 201);
    expect(t.payments.charges()).toHaveLength(charges + 1);
    // A third key while the first is paying, or a checkout without any key: refused too.
    await expectError(await checkout('t_twice', body, 'twice-key-c'), 409, 'hold_in_checkout');
    await expectError(await checkout('t_twice', body), 409, 'hold_in_checkout');
    expect(t.payments.charges()).toHaveLength(charges + 1);
    await t.payments.flush();
    expect((await settled(order.id, order.secret)).status).toBe('CONFIRMED');
    // Bought: other keys are told so; the winner's key still replays its order.
    await expectError(await checkout('t_twice', body, 'twice-key-d'), 409, 'conflict');
    const winnerKey = answers[0]?.status === 201 ? 'twice-key-a' : 'twice-key-b';
    const replay = await checkout('t_twice', body, winnerKey);
    expect((await expectStatus(replay, 201)).order.id).toBe(order.id);
    expect(t.payments.charges()).toHaveLength(charges + 1);
  });

  it('lets another checkout take over a claim whose order was never written, once it is stale', async () => {
    const h = await hold('t_orphan', ['main:A:6']);
    // What a checkout that crashed between its claim and its order write leaves behind.
    expect(
      await t.db.store.holds.claimCheckout(h.id, 'o_crashed_before_order_0001', t.clock.now),
    ).toBe(true);
    const body = { holdId: h.id, email: 'o@example.com', card: card() };
    await expectError(await checkout('t_orphan', body, 'orphan-key-1'), 409, 'hold_in_checkout');
    t.clock.now += ORPHAN_CLAIM_MS + 1;
    const { order } = await expectStatus(await checkout('t_orphan', body, 'orphan-key-2'), 201);
    expect((await settled(order.id, order.secret)).status).toBe('CONFIRMED');
  });

  it('fails a declined payment and keeps the hold for another card', async () => {
    const h = await hold('t_declined', ['main:B:1']);
    const { order } = await expectStatus(
      await checkout(
        't_declined',
        { holdId: h.id, email: 'b@example.com', card: card(SANDBOX_CARDS.decline) },
        'decline-key-1',
      ),
      201,
    );
    const done = await settled(order.id, order.secret);
    expect(done).toMatchObject({ status: 'FAILED', failureReason: 'card_declined' });
    const retry = await checkout(
      't_declined',
      { holdId: h.id, email: 'b@example.com', card: card() },
      'decline-key-2',
    );
    const second = (await expectStatus(retry, 201)).order;
    expect((await settled(second.id, second.secret)).status).toBe('CONFIRMED');
  });

  it('refuses an expired hold with 410 before charging', async () => {
    const h = await hold('t_late', ['main:B:5']);
    t.clock.now += 61_000;
    const charges = t.payments.charges().length;
    await expectError(
      await checkout('t_late', { holdId: h.id, email: 'c@example.com', card: card() }),
      410,
      'hold_expired',
    );
    expect(t.payments.charges()).toHaveLength(charges);
  });

  it('fails and refunds an order whose lapsed hold lost a seat, giving its other seats back', async () => {
    const h = await hold('t_lapse', ['main:A:7', 'main:A:8']);
    const { order } = await expectStatus(
      await checkout('t_lapse', { holdId: h.id, email: 'l@example.com', card: card() }),
      201,
    );
    // Before the payment settles, the hold lapses and another buyer takes one of its seats.
    t.clock.now += 61_000;
    await t.services.holds.create({ eventId: EVENT, ticketId: 't_rival', seats: ['main:A:8'] });
    const done = await settled(order.id, order.secret);
    expect(done).toMatchObject({
      status: 'FAILED',
      failureReason: 'seats_unavailable',
      tickets: [],
    });
    expect(done.refund).toMatchObject({ amountCents: 10000 });
    const seat7 = await t.db.store.seats.get({
      eventId: EVENT,
      sectionId: 'main',
      seatId: 'main:A:7',
    });
    const seat8 = await t.db.store.seats.get({
      eventId: EVENT,
      sectionId: 'main',
      seatId: 'main:A:8',
    });
    expect(seat7?.state).toBe('AVAILABLE');
    expect(seat8).toMatchObject({ state: 'HELD' });
    expect(seat8?.orderId).toBeUndefined();
  });

  it('rejects bad checkout input and other buyers', async () => {
    const h = await hold('t_strict', ['main:B:7']);
    await expectError(
      await checkout('t_strict', { holdId: h.id, email: 'not-an-email', card: card() }),
      400,
      'validation_failed',
    );
    await expectError(
      await checkout('t_strict', {
        holdId: h.id,
        email: 'd@example.com',
        card: { ...card(), expiry: '13/30' },
      }),
      400,
      'validation_failed',
    );
    await expectError(
      await checkout('t_other', { holdId: h.id, email: 'd@example.com', card: card() }),
      403,
      'forbidden',
    );
  });

  it('reads an order only with its secret', async () => {
    const h = await hold('t_secret', ['main:B:9']);
    const { order } = await expectStatus(
      await checkout('t_secret', { holdId: h.id, email: 'e@example.com', card: card() }),
      201,
    );
    await expectError(await t.app.request(`/api/orders/${order.id}`), 401, 'unauthorized');
    await expectError(
      await t.app.request(`/api/orders/${order.id}?secret=wrong`),
      404,
      'not_found',
    );
    await settled(order.id, order.secret);
  });
});
