import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrigin, type TestOrigin, testEvent } from '../../testing/harness';
import { APPROVED_CARD, buyTickets } from '../../testing/purchase';

let t: TestOrigin;
const EVENT = 'limit-night'; // maxPerBuyer 4
beforeAll(async () => {
  t = await createTestOrigin();
  await t.services.admin.createEvent(testEvent(EVENT, t.clock.now));
});
afterAll(() => t?.close());

async function checkoutWith(ticketId: string, email: string, quantity: number) {
  const hold = await t.services.holds.create({
    eventId: EVENT,
    ticketId,
    generalAdmission: { sectionId: 'pit', quantity },
  });
  return t.services.checkout.checkout({ holdId: hold.id, ticketId, email, card: APPROVED_CARD });
}

describe('per-buyer limit by email', () => {
  it('counts every order of one email, across access-token tickets and letter case', async () => {
    await buyTickets(t, {
      eventId: EVENT,
      ticketId: 't_one',
      email: 'same@example.com',
      quantity: 3,
    });
    await expect(checkoutWith('t_two', 'SAME@example.com', 2)).rejects.toMatchObject({
      code: 'limit_exceeded',
      details: { maxPerBuyer: 4, current: 3 },
    });
    const fits = await checkoutWith('t_three', 'Same@Example.com', 1);
    expect(fits.status).toBe('PENDING');
    await t.payments.flush();
  });

  it('lets another email buy, and frees the seats of a cancelled order', async () => {
    const order = await buyTickets(t, {
      eventId: EVENT,
      ticketId: 't_four',
      email: 'free@example.com',
      quantity: 4,
    });
    await expect(checkoutWith('t_five', 'free@example.com', 1)).rejects.toMatchObject({
      code: 'limit_exceeded',
    });
    await t.services.orderAdmin.cancelOrder(order.id);
    expect((await checkoutWith('t_six', 'free@example.com', 1)).status).toBe('PENDING');
    await t.payments.flush();
  });
});
