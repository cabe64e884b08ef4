import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ORGANIZER_KEY } from '../../config';
import { signTicketCode } from '../../domain/ticket-code';
import { generateTicketKeyRing } from '../../domain/ticket-code-keys';
import { createTestOrigin, type TestOrigin, testEvent } from '../../testing/harness';
import { expectError, expectStatus, jsonInit } from '../../testing/http';
import { buyTickets } from '../../testing/purchase';
import { scannerOf } from './scanner-auth';

let t: TestOrigin;
const EVENT = 'door-night';
const organizer = { authorization: `Bearer ${DEV_ORGANIZER_KEY}` };
beforeAll(async () => {
  t = await createTestOrigin();
  await t.services.admin.createEvent(testEvent(EVENT, t.clock.now));
});
afterAll(() => t?.close());

const scan = (code: string, headers: Record<string, string> = organizer, eventId?: string) =>
  t.app.request('/api/checkin', jsonInit('POST', eventId ? { code, eventId } : { code }, headers));

describe('ticket check-in', () => {
  it('admits a genuine ticket once and refuses the second scan with when it was used', async () => {
    const order = await buyTickets(t, {
      eventId: EVENT,
      ticketId: 't_door',
      email: 'd@example.com',
    });
    const ticket = order.tickets[0];
    if (!ticket) throw new Error('no ticket');
    const first = await expectStatus(await scan(ticket.code, organizer, EVENT), 200);
    expect(first.ticket).toMatchObject({
      ticketId: ticket.id,
      seatId: ticket.seatId,
      orderId: order.id,
    });
    const second = await expectError(await scan(ticket.code), 409, 'ticket_already_used');
    expect(second.error.details.usedAt).toBe(first.ticket.checkedInAt);
    expect(second.error.details.by).toBe('organizer');
  });

  it('refuses a forged code: altered, or signed with a key the origin does not publish', async () => {
    const order = await buyTickets(t, {
      eventId: EVENT,
      ticketId: 't_forge',
      email: 'f@example.com',
    });
    const ticket = order.tickets[0];
    if (!ticket) throw new Error('no ticket');
    const [header, , signature] = ticket.code.split('.') as [string, string, string];
    const payload = Buffer.from(JSON.stringify({ t: ticket.id, e: EVENT, s: 'main:A:1' })).toString(
      'base64url',
    );
    await expectError(await scan(`${header}.${payload}.${signature}`), 400, 'ticket_invalid');
    const otherRing = generateTicketKeyRing();
    const minted = await signTicketCode(
      { ticketId: ticket.id, eventId: EVENT, seatId: ticket.seatId },
      { ...otherRing.signing, kid: t.deps.ticketKeys.signing.kid },
    );
    await expectError(await scan(minted), 400, 'ticket_invalid');
    // The genuine ticket is still unused after the forgeries.
    await expectStatus(await scan(ticket.code), 200);
  });

  it('refuses a ticket for another event at this door, and a refunded order’s tickets', async () => {
    const order = await buyTickets(t, {
      eventId: EVENT,
      ticketId: 't_void',
      email: 'v@example.com',
    });
    const ticket = order.tickets[0];
    if (!ticket) throw new Error('no ticket');
    await expectError(await scan(ticket.code, organizer, 'other-night'), 400, 'ticket_invalid');
    await t.services.orderAdmin.cancelOrder(order.id);
    await expectError(await scan(ticket.code), 410, 'ticket_void');
  });

  it('needs the organizer key or a scanner key', async () => {
    await expectError(
      await t.app.request('/api/checkin', jsonInit('POST', { code: 'x' })),
      401,
      'unauthorized',
    );
    await expectError(
      await scan('x', { authorization: 'Bearer wrong-key-123456' }),
      403,
      'forbidden',
    );
    expect(scannerOf('door-key-000000001', 'org', ['door-key-000000001'])).toBe('scanner-1');
    expect(scannerOf('nope', 'org', ['door-key-000000001'])).toBeNull();
  });
});
