import { createHash } from 'node:crypto';
import type { HoldRecord, OrderRecord, Refund, Ticket } from '../models';

/**
 * Domain events, written to the outbox of the item whose state they describe in the same
 * single-item write (docs/contracts.md "Outbox"), then published by the relay. Pure: no I/O.
 */
export interface DomainEventDetails {
  /** An order was paid and its tickets issued. */
  'order.confirmed': OrderTicketsDetail;
  /** An order failed (declined, or seats lost after payment: then refunded). */
  'order.failed': OrderMoneyDetail & { reason: string; refund?: Refund };
  /** A confirmed order was cancelled by the organizer (or with its event) and refunded. */
  'order.refunded': OrderMoneyDetail & { refund: Refund };
  /** The buyer asked for their confirmation again. */
  'order.confirmation_requested': OrderTicketsDetail;
  /** A hold lapsed unbought; its seats are free again. */
  'hold.expired': { holdId: string; eventId: string; ticketId: string; seatIds: string[] };
  /**
   * A queue ticket was let through the waiting room (first admission only). Recorded at the edge
   * in the room store's admitted stream, carried to the outbox by the admitted feed. Anonymous:
   * a queue ticket has no email address, so no one is mailed.
   */
  'buyer.admitted': { eventId: string; ticketId: string; position: number; admittedAt: number };
}

/** Who bought what for how much: the part every order event carries. */
export interface OrderMoneyDetail {
  orderId: string;
  eventId: string;
  email: string;
  totalCents: number;
  currency: string;
}

export interface OrderTicketsDetail extends OrderMoneyDetail {
  tickets: Ticket[];
}

export type DomainEventType = keyof DomainEventDetails;

/** One event. `id` is derived from what happened, so writing it twice is writing it once. */
export interface DomainEvent<T extends DomainEventType = DomainEventType> {
  id: string;
  type: T;
  /** Epoch ms. */
  occurredAt: number;
  detail: DomainEventDetails[T];
}

/** The EventBridge `source` of every Floodgate domain event (the CDK rule matches it). */
export const EVENT_SOURCE = 'floodgate.origin';

/** Every event type (the EventBridge rule and the docs list them). */
export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = [
  'order.confirmed',
  'order.failed',
  'order.refunded',
  'order.confirmation_requested',
  'hold.expired',
  'buyer.admitted',
];

/** A stable event id: the same happening (type + subject + discriminator) → the same id. */
export function eventId(type: DomainEventType, ...parts: string[]): string {
  const digest = createHash('sha256')
    .update([type, ...parts].join('\u0000'))
    .digest('base64url');
  return `ev_${digest.slice(0, 26)}`;
}

function orderMoney(order: OrderRecord): OrderMoneyDetail {
  return {
    orderId: order.id,
    eventId: order.eventId,
    email: order.email,
    totalCents: order.totalCents,
    currency: order.currency,
  };
}

function orderTickets(order: OrderRecord, tickets: Ticket[]): OrderTicketsDetail {
  return { ...orderMoney(order), tickets };
}

/** `order.confirmed`, once per order. */
export function orderConfirmed(
  order: OrderRecord,
  tickets: Ticket[],
  at: number,
): DomainEvent<'order.confirmed'> {
  return {
    id: eventId('order.confirmed', order.id),
    type: 'order.confirmed',
    occurredAt: at,
    detail: orderTickets(order, tickets),
  };
}

/** `order.failed`, once per order (an order fails at most once). */
export function orderFailed(
  order: OrderRecord,
  reason: string,
  at: number,
  refund?: Refund,
): DomainEvent<'order.failed'> {
  const detail: DomainEventDetails['order.failed'] = { ...orderMoney(order), reason };
  if (refund) detail.refund = refund;
  return { id: eventId('order.failed', order.id), type: 'order.failed', occurredAt: at, detail };
}

/** `order.refunded`, once per order (one refund per payment). */
export function orderRefunded(
  order: OrderRecord,
  refund: Refund,
  at: number,
): DomainEvent<'order.refunded'> {
  return {
    id: eventId('order.refunded', order.id),
    type: 'order.refunded',
    occurredAt: at,
    detail: { ...orderMoney(order), refund },
  };
}

/** `order.confirmation_requested`, once per order and request key. */
export function confirmationRequested(
  order: OrderRecord,
  requestKey: string,
  at: number,
): DomainEvent<'order.confirmation_requested'> {
  return {
    id: eventId('order.confirmation_requested', order.id, requestKey),
    type: 'order.confirmation_requested',
    occurredAt: at,
    detail: orderTickets(order, order.tickets),
  };
}

/** `hold.expired`, once per hold. */
export function holdExpired(
  hold: Pick<HoldRecord, 'id' | 'eventId' | 'ticketId' | 'seats'>,
  at: number,
): DomainEvent<'hold.expired'> {
  return {
    id: eventId('hold.expired', hold.id),
    type: 'hold.expired',
    occurredAt: at,
    detail: {
      holdId: hold.id,
      eventId: hold.eventId,
      ticketId: hold.ticketId,
      seatIds: hold.seats.map((s) => s.seatId),
    },
  };
}

/** `buyer.admitted`, once per ticket and event (a ticket is admitted at most once). */
export function buyerAdmitted(
  eventIdOfRoom: string,
  ticketId: string,
  position: number,
  at: number,
): DomainEvent<'buyer.admitted'> {
  return {
    id: eventId('buyer.admitted', eventIdOfRoom, ticketId),
    type: 'buyer.admitted',
    occurredAt: at,
    detail: { eventId: eventIdOfRoom, ticketId, position, admittedAt: at },
  };
}
