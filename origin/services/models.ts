/**
 * The origin's records and API shapes (docs/contracts.md "Types"). Pure types, shared by the
 * DynamoDB repositories, the services and the routes.
 */

export type SeatStatus = 'AVAILABLE' | 'HELD' | 'SOLD';

/** One seat or GA unit as stored. `expiresAt` (epoch ms) only while HELD. */
export interface SeatRecord {
  eventId: string;
  sectionId: string;
  seatId: string;
  state: SeatStatus;
  holdId?: string;
  expiresAt?: number;
  orderId?: string;
}

/** A seat in a hold, priced at hold time (contract `HeldSeat`). */
export interface HeldSeat {
  seatId: string;
  sectionId: string;
  row: string;
  number: number;
  tierId: string;
  priceCents: number;
}

export type HoldStatus = 'ACTIVE' | 'RELEASED' | 'EXPIRED' | 'CONVERTED';

/**
 * A hold as stored. An ACTIVE hold past `expiresAt` is EXPIRED on read; the sweeper also
 * stores EXPIRED once it has freed the buyer's waiting-room slot.
 */
export interface HoldRecord {
  id: string;
  eventId: string;
  ticketId: string;
  status: HoldStatus;
  seats: HeldSeat[];
  totalCents: number;
  currency: string;
  expiresAt: number;
  createdAt: number;
  /** The order that bought it (CONVERTED). */
  orderId?: string;
  /**
   * The one checkout paying for this hold right now (set by a conditional claim before any
   * charge), so two checkouts with different Idempotency-Keys cannot both charge for it.
   */
  checkoutOrderId?: string;
  /** When that claim was made (epoch ms). */
  checkoutAt?: number;
}

/** Contract `Hold`. */
export interface Hold {
  id: string;
  eventId: string;
  status: HoldStatus;
  seats: HeldSeat[];
  totalCents: number;
  currency: string;
  expiresAt: string;
}

export interface Ticket {
  id: string;
  seatId: string;
  code: string;
}

/** `CANCELLED`: a confirmed order the organizer cancelled; `refund` is set once refunded. */
export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'FAILED' | 'CANCELLED';

export interface Refund {
  refundId: string;
  amountCents: number;
  reason: string;
}

export interface OrderRecord {
  id: string;
  status: OrderStatus;
  eventId: string;
  holdId: string;
  ticketId: string;
  email: string;
  totalCents: number;
  currency: string;
  paymentId: string;
  /** SHA-256 (base64url) of the order secret handed out once at checkout. */
  secretHash: string;
  tickets: Ticket[];
  refund?: Refund;
  failureReason?: string;
  createdAt: number;
  /** Set when an organizer cancelled the order (epoch ms), with why. */
  cancelledAt?: number;
  cancelReason?: string;
}

/** Contract `Order`; `secret` only in the checkout answer. */
export interface Order {
  id: string;
  status: OrderStatus;
  eventId: string;
  holdId: string;
  email: string;
  totalCents: number;
  currency: string;
  tickets: Ticket[];
  refund?: Refund;
  failureReason?: string;
  /** ISO time the order was cancelled (status `CANCELLED`). */
  cancelledAt?: string;
  secret?: string;
}

/** Organizer statistics (contract `GET /api/admin/events/{id}/stats`). */
export interface EventStats {
  capacity: number;
  available: number;
  held: number;
  sold: number;
  holds: number;
  orders: number;
  revenueCents: number;
}

/** Converts a stored hold to its API shape, deriving EXPIRED. */
export function toHold(record: HoldRecord, now: number): Hold {
  const status = record.status === 'ACTIVE' && record.expiresAt <= now ? 'EXPIRED' : record.status;
  return {
    id: record.id,
    eventId: record.eventId,
    status,
    seats: record.seats,
    totalCents: record.totalCents,
    currency: record.currency,
    expiresAt: new Date(record.expiresAt).toISOString(),
  };
}

/** Converts a stored order to its API shape (never exposes the secret hash or payment id). */
export function toOrder(record: OrderRecord, secret?: string): Order {
  const order: Order = {
    id: record.id,
    status: record.status,
    eventId: record.eventId,
    holdId: record.holdId,
    email: record.email,
    totalCents: record.totalCents,
    currency: record.currency,
    tickets: record.tickets,
  };
  if (record.refund) order.refund = record.refund;
  if (record.failureReason) order.failureReason = record.failureReason;
  if (record.cancelledAt) order.cancelledAt = new Date(record.cancelledAt).toISOString();
  if (secret) order.secret = secret;
  return order;
}

/** An order in a list (my orders, organizer search): its API shape plus when it was placed. */
export function toListedOrder(record: OrderRecord): Order & { createdAt: string } {
  return { ...toOrder(record), createdAt: new Date(record.createdAt).toISOString() };
}
