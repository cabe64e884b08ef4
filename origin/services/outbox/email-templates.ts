import { renderSVG } from 'uqr';
import { escapeHtml, mailButton, mailDocument } from '../../adapters/mail/html';
import type { MailMessage } from '../../adapters/mail/types';
import type { Refund, Ticket } from '../models';
import type { DomainEvent, OrderTicketsDetail } from './events';

/** What a template knows besides the event: the event's name and where "my tickets" lives. */
export interface MailContext {
  eventName: string;
  /** Absolute URL of the buyer's "my tickets" page, when the public URL is known. */
  accountUrl?: string;
}

/** Whether an event of this type emails the buyer (a hold or a queue ticket has no address). */
export function mailsBuyer(type: DomainEvent['type']): boolean {
  return type !== 'hold.expired' && type !== 'buyer.admitted';
}

/** The mail id of an event's email: derived, so one event can only ever be one message. */
export function mailIdOf(eventId: string): string {
  return `m_${eventId.replace(/^ev_/, '')}`;
}

const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`;

function ticketsHtml(tickets: Ticket[]): string {
  return tickets
    .map(
      (t) =>
        `<div style="border:1px solid #ddd;border-radius:.5rem;padding:1rem;margin:1rem 0">` +
        `<p style="margin:0 0 .5rem"><strong>Seat ${escapeHtml(t.seatId)}</strong> · ticket ${escapeHtml(t.id)}</p>` +
        `<div style="width:12rem" role="img" aria-label="QR code for ticket ${escapeHtml(t.id)}">${renderSVG(t.code, { border: 2 })}</div>` +
        `<p style="font-family:monospace;font-size:.7rem;word-break:break-all">${escapeHtml(t.code)}</p></div>`,
    )
    .join('\n');
}

function confirmation(
  event: DomainEvent,
  d: OrderTicketsDetail,
  ctx: MailContext,
  again: boolean,
): MailMessage {
  const subject = `${again ? 'Your tickets again' : 'Your tickets'}: ${ctx.eventName}`;
  const lines = [
    `Order ${d.orderId} for ${ctx.eventName} is confirmed: ${d.tickets.length} ticket(s), ${money(d.totalCents, d.currency)}.`,
    ...d.tickets.map((t) => `Seat ${t.seatId}: ${t.code}`),
    ctx.accountUrl ? `Your tickets any time: ${ctx.accountUrl}` : '',
  ];
  const html = mailDocument(
    subject,
    `<p>Order <strong>${escapeHtml(d.orderId)}</strong> for ${escapeHtml(ctx.eventName)} is confirmed: ` +
      `${d.tickets.length} ticket(s), ${escapeHtml(money(d.totalCents, d.currency))}. Show a code at the door.</p>` +
      ticketsHtml(d.tickets) +
      (ctx.accountUrl ? mailButton(ctx.accountUrl, 'My tickets') : ''),
  );
  return message(event, d.email, subject, lines, html);
}

function refundLine(refund: Refund | undefined, currency: string): string {
  if (!refund) return 'No money was taken.';
  return `We refunded ${money(refund.amountCents, currency)} (refund ${refund.refundId}).`;
}

function message(
  event: DomainEvent,
  to: string,
  subject: string,
  lines: string[],
  html: string,
): MailMessage {
  return {
    id: mailIdOf(event.id),
    to,
    subject,
    text: lines.filter(Boolean).join('\n\n'),
    html,
    createdAt: event.occurredAt,
    kind: event.type,
  };
}

/**
 * The buyer email for a domain event, or undefined when the event mails no one (a hold has no
 * email address). Pure: the caller sends it.
 * @example const mail = emailFor(event, { eventName: 'Test Night' }); if (mail) await mailer.send(mail);
 */
export function emailFor(event: DomainEvent, ctx: MailContext): MailMessage | undefined {
  switch (event.type) {
    case 'order.confirmed':
      return confirmation(event, event.detail as OrderTicketsDetail, ctx, false);
    case 'order.confirmation_requested':
      return confirmation(event, event.detail as OrderTicketsDetail, ctx, true);
    case 'order.failed': {
      const d = event.detail as DomainEvent<'order.failed'>['detail'];
      const subject = `Your order did not go through: ${ctx.eventName}`;
      const why =
        d.reason === 'seats_unavailable'
          ? 'Your hold expired and another buyer took a seat.'
          : `The payment was not accepted (${d.reason}).`;
      const lines = [
        `Order ${d.orderId} for ${ctx.eventName} failed. ${why}`,
        refundLine(d.refund, d.currency),
      ];
      const html = mailDocument(
        subject,
        `<p>Order <strong>${escapeHtml(d.orderId)}</strong> failed. ${escapeHtml(why)}</p><p>${escapeHtml(refundLine(d.refund, d.currency))}</p>`,
      );
      return message(event, d.email, subject, lines, html);
    }
    case 'order.refunded': {
      const d = event.detail as DomainEvent<'order.refunded'>['detail'];
      const subject = `Your order was cancelled and refunded: ${ctx.eventName}`;
      const lines = [
        `The organizer cancelled order ${d.orderId} for ${ctx.eventName}. Its tickets are no longer valid.`,
        refundLine(d.refund, d.currency),
      ];
      const html = mailDocument(
        subject,
        `<p>The organizer cancelled order <strong>${escapeHtml(d.orderId)}</strong>. Its tickets are no longer valid.</p><p>${escapeHtml(refundLine(d.refund, d.currency))}</p>`,
      );
      return message(event, d.email, subject, lines, html);
    }
    default:
      return undefined;
  }
}
