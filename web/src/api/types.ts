/**
 * The JSON shapes of the Floodgate API as the storefront sees them (docs/contracts.md).
 * Kept in one place so pages never guess a field name; once `hc<AppType>` drives the client,
 * these stay as the storefront's view of the same data.
 */

export type EventStatus = 'scheduled' | 'on_sale' | 'sold_out' | 'ended' | 'cancelled';

export interface EventSummary {
  id: string;
  name: string;
  venueName: string;
  startsAt: string;
  onSaleAt: string;
  status: EventStatus;
  priceFromCents: number;
  currency: string;
}

export interface Tier {
  id: string;
  name: string;
  priceCents: number;
}

export interface SectionRow {
  label: string;
  seats: number;
}

export interface Section {
  id: string;
  name: string;
  kind: 'seated' | 'ga';
  tierId: string;
  capacity: number;
  rows?: SectionRow[];
  /** Layout hints: centre and size in a 1000 × 1000 plan, stage at the top. */
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

export interface EventDetail extends EventSummary {
  description: string;
  holdMinutes: number;
  maxPerBuyer: number;
  tiers: Tier[];
  sections: Section[];
}

export interface SectionAvailability {
  available: number;
  capacity: number;
  /** Compact bitmap, base64url, MSB-first; see origin/domain/availability-codec.ts. */
  seats?: string;
}

export interface Availability {
  eventId: string;
  asOf: string;
  sections: Record<string, SectionAvailability>;
}

export interface HeldSeat {
  seatId: string;
  sectionId: string;
  row: string;
  number: number;
  tierId: string;
  priceCents: number;
}

export interface Hold {
  id: string;
  eventId: string;
  status: 'ACTIVE' | 'RELEASED' | 'EXPIRED' | 'CONVERTED';
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

export interface Order {
  id: string;
  /** `CANCELLED`: the organizer cancelled it (or the whole event) and refunded it. */
  status: 'PENDING' | 'CONFIRMED' | 'FAILED' | 'CANCELLED';
  eventId: string;
  holdId: string;
  email: string;
  totalCents: number;
  currency: string;
  tickets: Ticket[];
  refund?: { refundId: string; amountCents: number; reason: string };
  failureReason?: string;
  /** ISO time of the cancellation, for `CANCELLED` orders. */
  cancelledAt?: string;
  secret?: string;
}

/** An order in "my tickets" and in the organizer's search: the order plus when it was placed. */
export interface AccountOrder extends Order {
  createdAt: string;
}

/** The signed-in buyer (`GET /api/account/me`). */
export interface Account {
  email: string;
  sessionExpiresAt: string;
}

/** One message in the local mailbox (`GET /api/dev/mailbox`, local development only). */
export interface MailSummary {
  id: string;
  to: string;
  subject: string;
  kind: string;
  createdAt: string;
  /** The message as HTML: `/api/dev/mailbox/{id}`. */
  href: string;
}

/** A ticket let in at the door (`POST /api/checkin`). */
export interface CheckedInTicket {
  ticketId: string;
  eventId: string;
  seatId: string;
  orderId: string;
  checkedInAt: string;
}

/** `details` of a `409 ticket_already_used` answer: when, by whom, for which seat. */
export interface TicketUsedDetails {
  usedAt: string;
  by: string;
  seatId: string;
}

/** `POST /api/admin/orders/{orderId}/cancel`: a repeat answers `refunded: false`. */
export interface OrderCancellation {
  order: Order;
  refunded: boolean;
  seatsReturned: number;
}

/** `POST /api/admin/events/{eventId}/cancel`: what was cancelled and refunded. */
export interface EventCancellation {
  eventId: string;
  cancelledAt: string;
  refunded: number;
  refundedCents: number;
  alreadyCancelled: number;
  /** Orders still PENDING at the time: run the cancellation again to refund them. */
  skipped: number;
}

/** Exactly one of `seats`, `bestAvailable`, `generalAdmission`. */
export interface HoldRequest {
  seats?: string[];
  bestAvailable?: { quantity: number; sectionId?: string; tierId?: string };
  generalAdmission?: { sectionId: string; quantity: number };
}

export interface CheckoutRequest {
  holdId: string;
  email: string;
  card: { number: string; expiry: string; cvc: string };
}

export interface EventStats {
  capacity: number;
  available: number;
  held: number;
  sold: number;
  holds: number;
  orders: number;
  revenueCents: number;
}

/** One minute of the origin's view of a sale (`GET /api/admin/events/{id}/dashboard`). */
export interface DashboardMinute {
  /** Start of the minute, ISO. */
  at: string;
  holdsCreated: number;
  ordersConfirmed: number;
  ordersFailed: number;
  seatsSold: number;
  /** Buying requests (holds, checkout) answered in this minute. */
  requests: number;
  /** p95 latency of those requests, ms (0 without requests). */
  p95Ms: number;
  /** Share of those requests that answered 5xx, 0–1. */
  errorRate: number;
}

export interface Dashboard {
  eventId: string;
  asOf: string;
  /** Oldest first; the current (partial) minute last. */
  minutes: DashboardMinute[];
  current: EventStats;
}

export interface AdmissionConfig {
  ratePerMinute: number;
  maxActive: number;
  sessionSeconds: number;
  paused: boolean;
  queueAll: boolean;
  /** Opening time of a pre-queue: ISO when sent, epoch ms or ISO when read back; null = open. */
  opensAt?: string | number | null;
  /** Present only when the backend supports adaptive admission. */
  mode?: 'fixed' | 'adaptive';
  targetP95Ms?: number;
  minRatePerMinute?: number;
  maxRatePerMinute?: number;
}

/** A seated section as an organizer defines it (rows front to back). */
export interface SeatedSectionInput {
  id: string;
  name: string;
  kind: 'seated';
  tierId: string;
  rows: SectionRow[];
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

/** A standing (general admission) area. */
export interface GaSectionInput {
  id: string;
  name: string;
  kind: 'ga';
  tierId: string;
  capacity: number;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

export type SectionInput = SeatedSectionInput | GaSectionInput;

/** The body of `POST /api/admin/events` and `PUT /api/admin/events/{eventId}`. */
export interface EventDefinitionInput {
  id: string;
  name: string;
  description?: string;
  venueName: string;
  startsAt: string;
  onSaleAt: string;
  currency?: string;
  holdMinutes?: number;
  maxPerBuyer?: number;
  tiers: Tier[];
  sections: SectionInput[];
}

/** One behaviour's (or the total's) counters in the local edge's `GET /_edge/stats`. */
export interface EdgeBehaviourStats {
  requests: number;
  hits: number;
  refreshHits: number;
  misses: number;
  errors: number;
  originRequests: number;
  hitRatio: number;
}

export interface EdgeStats {
  behaviours: Record<string, EdgeBehaviourStats>;
  total: EdgeBehaviourStats;
}

export interface JoinAnswer {
  ticket: string;
  position: number;
  eventId: string;
  servingNumber: number;
  /** Live tickets strictly ahead of this one. */
  peopleAhead: number;
  /** Null while the room is paused or everyone is queued. */
  estimatedWaitSeconds: number | null;
  pollAfterSeconds: number;
  clientSecret?: string;
}

export interface RoomState {
  eventId: string;
  servingNumber: number;
  queueLength: number;
  ratePerMinute: number;
  paused: boolean;
  opensAt?: string | number | null;
  activeBuyers: number;
  maxActive: number;
  departureRatePerMinute: number;
  queueAll?: boolean;
  /** Pre-queue: SHA-256 (hex) of the shuffle seed, published before opening. */
  commitment?: string;
  /** Pre-queue: the seed itself, published after opening so anyone can check the order. */
  seed?: string | null;
  /** Buyers actually admitted per minute lately (newer edges report it). */
  admissionRatePerMinute?: number;
}

export type AdmitAnswer =
  | { admitted: true; accessToken: string; expiresAt: string | number }
  | {
      admitted: false;
      position: number;
      /** Live tickets strictly ahead of this one (people who left are not counted). */
      peopleAhead: number;
      /** Null while the room is paused or everyone is queued. */
      estimatedWaitSeconds: number | null;
      /** Call `admit` again within this many seconds to keep the place. */
      pollAfterSeconds: number;
    };
