import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../models';
import { emailFor, mailIdOf } from './email-templates';
import { holdExpired, orderConfirmed, orderFailed } from './events';

const order: OrderRecord = {
  id: 'o_1',
  status: 'PENDING',
  eventId: 'ev',
  holdId: 'h_1',
  ticketId: 't_1',
  email: 'ann@example.com',
  totalCents: 5000,
  currency: 'USD',
  paymentId: 'p_1',
  secretHash: 'x',
  tickets: [],
  createdAt: 0,
};
const tickets = [{ id: 't_a', seatId: 'main:A:1', code: 'code-a' }];

describe('buyer emails of domain events', () => {
  it('confirms an order with every ticket as a QR code and its text code', () => {
    const event = orderConfirmed(order, tickets, 1);
    const mail = emailFor(event, { eventName: 'Test Night', accountUrl: 'https://x.test/account' });
    expect(mail).toMatchObject({
      to: 'ann@example.com',
      kind: 'order.confirmed',
      id: mailIdOf(event.id),
    });
    expect(mail?.html).toContain('<svg');
    expect(mail?.text).toContain('main:A:1: code-a');
    expect(mail?.html).toContain('https://x.test/account');
  });

  it('escapes what it did not write itself', () => {
    const mail = emailFor(orderConfirmed(order, tickets, 1), { eventName: '<script>x</script>' });
    expect(mail?.html).not.toContain('<script>');
    expect(mail?.html).toContain('&lt;script&gt;');
  });

  it('tells a failed buyer whether they were refunded', () => {
    const refund = { refundId: 'r_1', amountCents: 5000, reason: 'x' };
    expect(
      emailFor(orderFailed(order, 'seats_unavailable', 1, refund), { eventName: 'N' })?.text,
    ).toContain('We refunded 50.00 USD');
    expect(emailFor(orderFailed(order, 'card_declined', 1), { eventName: 'N' })?.text).toContain(
      'No money was taken',
    );
  });

  it('mails nobody for a hold that expired, and derives one mail id per event', () => {
    const event = holdExpired({ id: 'h_1', eventId: 'ev', ticketId: 't_1', seats: [] }, 1);
    expect(emailFor(event, { eventName: 'N' })).toBeUndefined();
    expect(orderConfirmed(order, tickets, 1).id).toBe(orderConfirmed(order, tickets, 99).id);
  });
});
