import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ORGANIZER_KEY } from '../../config';
import { crashOnce, SimulatedCrash } from '../../services/faults';
import { startOutboxRelay } from '../../services/outbox/relay';
import { createTestOrigin, type TestOrigin, testEvent } from '../../testing/harness';
import { expectError, expectStatus, jsonInit } from '../../testing/http';
import { buyTickets } from '../../testing/purchase';

let t: TestOrigin;
const faults = crashOnce();
const EVENT = 'refund-night';
const organizer = { authorization: `Bearer ${DEV_ORGANIZER_KEY}` };

beforeAll(async () => {
  t = await createTestOrigin({ faults });
  await t.services.admin.createEvent(testEvent(EVENT, t.clock.now));
});
afterAll(() => t?.close());

const cancel = (orderId: string, body: object = {}) =>
  t.app.request(`/api/admin/orders/${orderId}/cancel`, jsonInit('POST', body, organizer));

async function pitSeats(eventId = EVENT) {
  return t.db.store.seats.listSection(eventId, 'pit', true);
}

describe('organizer cancels an order', () => {
  it('refunds once and returns the seats to sale exactly once, however many cancels race', async () => {
    const order = await buyTickets(t, {
      eventId: EVENT,
      ticketId: 't_refund',
      email: 'refund@example.com',
      quantity: 2,
    });
    const before = await t.services.admin.stats(EVENT);
    const soldTo = (await pitSeats()).filter((s) => s.orderId === order.id);
    expect(soldTo).toHaveLength(2);

    const answers = await Promise.all([cancel(order.id), cancel(order.id), cancel(order.id)]);
    const bodies = await Promise.all(answers.map((res) => expectStatus(res, 200)));
    expect(bodies.filter((b) => b.refunded)).toHaveLength(1);
    expect(bodies.reduce((n, b) => n + b.seatsReturned, 0)).toBe(2);
    expect(bodies.every((b) => b.order.status === 'CANCELLED')).toBe(true);
    expect(t.payments.refunds().filter((r) => r.paymentId === order.paymentId)).toHaveLength(1);

    const seats = await pitSeats();
    for (const s of soldTo) {
      expect(seats.find((x) => x.seatId === s.seatId)?.state).toBe('AVAILABLE');
    }
    const after = await t.services.admin.stats(EVENT);
    expect(after.orders).toBe(before.orders - 1);
    expect(after.revenueCents).toBe(before.revenueCents - order.totalCents);
    expect(after.sold).toBe(before.sold - 2);

    // A later retry changes nothing.
    const again = await expectStatus(await cancel(order.id), 200);
    expect(again).toMatchObject({ refunded: false, seatsReturned: 0 });
    expect((await t.services.admin.stats(EVENT)).orders).toBe(after.orders);
  });

  it('finishes the refund on retry after a crash between refunding and recording it', async () => {
    const order = await buyTickets(t, {
      eventId: EVENT,
      ticketId: 't_crash',
      email: 'c@example.com',
    });
    faults.arm('cancel:refunded');
    await expect(t.services.orderAdmin.cancelOrder(order.id)).rejects.toBeInstanceOf(
      SimulatedCrash,
    );
    expect((await t.db.store.orders.get(order.id))?.status).toBe('CANCELLED');
    const retried = await expectStatus(await cancel(order.id), 200);
    expect(retried.refunded).toBe(true);
    expect(retried.order.refund.amountCents).toBe(order.totalCents);
    expect(t.payments.refunds().filter((r) => r.paymentId === order.paymentId)).toHaveLength(1);
  });

  it('mails the buyer that the order was cancelled and refunded', async () => {
    const order = await buyTickets(t, {
      eventId: EVENT,
      ticketId: 't_mail',
      email: 'mail@example.com',
    });
    await expectStatus(await cancel(order.id, { reason: 'Double booking' }), 200);
    const relay = startOutboxRelay(t.deps, { intervalMs: 0 });
    await relay.relayOnce();
    await relay.close();
    const kinds = (await t.deps.mailbox.list(500))
      .filter((m) => m.to === 'mail@example.com')
      .map((m) => m.kind);
    expect(kinds.sort()).toEqual(['order.confirmed', 'order.refunded']);
  });

  it('refuses unknown orders, non-confirmed orders and callers without the organizer key', async () => {
    await expectError(await cancel('o_doesnotexistxxxxxxxxxxx'), 404, 'not_found');
    const hold = await t.services.holds.create({
      eventId: EVENT,
      ticketId: 't_pending',
      generalAdmission: { sectionId: 'pit', quantity: 1 },
    });
    const pending = await t.services.checkout.checkout({
      holdId: hold.id,
      ticketId: 't_pending',
      email: 'p@example.com',
      card: { number: '4000000000000077', expiry: '12/39', cvc: '123' },
    });
    await expectError(await cancel(pending.id), 409, 'order_not_cancellable');
    await expectError(
      await t.app.request(`/api/admin/orders/${pending.id}/cancel`, { method: 'POST' }),
      401,
      'unauthorized',
    );
  });
});

describe('organizer order search and export', () => {
  it('finds orders by email in any case, and by order id', async () => {
    const order = await buyTickets(t, {
      eventId: EVENT,
      ticketId: 't_find',
      email: 'Find.Me@Example.com',
    });
    const byEmail = await expectStatus(
      await t.app.request('/api/admin/orders?email=find.me@example.com', { headers: organizer }),
      200,
    );
    expect(byEmail.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    const byId = await expectStatus(
      await t.app.request(`/api/admin/orders?orderId=${order.id}`, { headers: organizer }),
      200,
    );
    expect(byId.orders[0].email).toBe('Find.Me@Example.com');
    await expectError(
      await t.app.request('/api/admin/orders', { headers: organizer }),
      400,
      'validation_failed',
    );
  });

  it("exports an event's orders as CSV", async () => {
    const res = await t.app.request(`/api/admin/events/${EVENT}/orders.csv`, {
      headers: organizer,
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = text.trim().split('\r\n');
    expect(header).toBe(
      'orderId,status,email,createdAt,totalCents,currency,tickets,seatIds,refundCents,cancelledAt',
    );
    expect(rows.some((r) => r.includes('Find.Me@Example.com'))).toBe(true);
    expect(rows.some((r) => r.includes(',CANCELLED,'))).toBe(true);
    await expectError(
      await t.app.request('/api/admin/events/no-such-event/orders.csv', { headers: organizer }),
      404,
      'not_found',
    );
  });
});

describe('organizer cancels an event', () => {
  it('stops sales, refunds every confirmed order once, and is safe to run again', async () => {
    const id = 'doomed-night';
    await t.services.admin.createEvent(testEvent(id, t.clock.now));
    const a = await buyTickets(t, { eventId: id, ticketId: 't_a', email: 'a@example.com' });
    const b = await buyTickets(t, {
      eventId: id,
      ticketId: 't_b',
      email: 'b@example.com',
      quantity: 2,
    });
    const run = () =>
      t.app.request(
        `/api/admin/events/${id}/cancel`,
        jsonInit('POST', { reason: 'Storm' }, organizer),
      );
    const first = await expectStatus(await run(), 200);
    expect(first).toMatchObject({ refunded: 2, refundedCents: a.totalCents + b.totalCents });
    const second = await expectStatus(await run(), 200);
    expect(second).toMatchObject({ refunded: 0, alreadyCancelled: 2 });
    expect((await pitSeats(id)).every((s) => s.state === 'AVAILABLE')).toBe(true);
    await expect(
      t.services.holds.create({
        eventId: id,
        ticketId: 't_late',
        generalAdmission: { sectionId: 'pit', quantity: 1 },
      }),
    ).rejects.toMatchObject({ code: 'event_cancelled' });
    const detail = await expectStatus(await t.app.request(`/api/catalog/events/${id}`), 200);
    expect(detail).toMatchObject({ event: { id, status: 'cancelled' } });
    const list = (await expectStatus(await t.app.request('/api/catalog/events'), 200)) as {
      events: { id: string; status: string }[];
    };
    expect(list.events.find((e) => e.id === id)?.status).toBe('cancelled');
  });
});
