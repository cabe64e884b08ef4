import { hc } from 'hono/client';
import type { AppType } from '../../../origin/app';
import { accessFor } from '../models/access';
import { requestJson, send, sendRaw } from './http';
import type {
  Account,
  AccountOrder,
  AdmissionConfig,
  Availability,
  CheckedInTicket,
  CheckoutRequest,
  Dashboard,
  EdgeStats,
  EventCancellation,
  EventDefinitionInput,
  EventDetail,
  EventSummary,
  Hold,
  HoldRequest,
  MailSummary,
  Order,
  OrderCancellation,
} from './types';

/**
 * The storefront's only door to the origin API: `hc<AppType>`, so a renamed route, param or
 * body field in origin/ breaks the storefront's type check instead of a buyer's purchase.
 * Pages call these functions and never the transport.
 */
const api = hc<AppType>(typeof location === 'undefined' ? 'http://localhost' : location.origin, {
  init: { credentials: 'same-origin' },
});

function bearer(token: string | undefined): { headers: Record<string, string> } {
  return { headers: token ? { authorization: `Bearer ${token}` } : {} };
}

/** A fresh idempotency key: a retried write with the same key happens at most once. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export const catalog = {
  listEvents: () => send<{ events: EventSummary[] }>(() => api.api.catalog.events.$get(), 2),
  getEvent: (eventId: string) =>
    send<{ event: EventDetail }>(
      () => api.api.catalog.events[':eventId'].$get({ param: { eventId } }),
      2,
    ),
  availability: (eventId: string) =>
    send<Availability>(
      () => api.api.catalog.events[':eventId'].availability.$get({ param: { eventId } }),
      2,
    ),
};

export const holds = {
  /** `POST /api/events/{eventId}/holds`; retried on "busy": the idempotency key makes it safe. */
  create: (eventId: string, input: HoldRequest, idempotencyKey = newIdempotencyKey()) =>
    send<{ hold: Hold }>(
      () =>
        api.api.events[':eventId'].holds.$post(
          { param: { eventId }, json: input, header: { 'idempotency-key': idempotencyKey } },
          bearer(accessFor(eventId)),
        ),
      3,
    ),
  get: (eventId: string, holdId: string) =>
    send<{ hold: Hold }>(
      () =>
        api.api.events[':eventId'].holds[':holdId'].$get(
          { param: { eventId, holdId } },
          bearer(accessFor(eventId)),
        ),
      2,
    ),
  release: (eventId: string, holdId: string) =>
    send<void>(
      () =>
        api.api.events[':eventId'].holds[':holdId'].$delete(
          { param: { eventId, holdId } },
          bearer(accessFor(eventId)),
        ),
      2,
    ),
};

export const checkout = {
  pay: (eventId: string, input: CheckoutRequest, idempotencyKey: string) =>
    send<{ order: Order }>(
      () =>
        api.api.events[':eventId'].checkout.$post(
          { param: { eventId }, json: input, header: { 'idempotency-key': idempotencyKey } },
          bearer(accessFor(eventId)),
        ),
      4,
    ),
};

export const orders = {
  get: (orderId: string, secret: string) =>
    send<{ order: Order }>(
      () => api.api.orders[':orderId'].$get({ param: { orderId }, query: { secret } }),
      2,
    ),
};

/**
 * The buyer's account: magic-link sign-in, the session cookie (HttpOnly, sent by the browser
 * on its own), "my tickets".
 */
export const account = {
  /** Always `202`: the answer never tells whether the address is known. */
  signIn: (email: string) =>
    send<{ status: 'sent'; message: string }>(() =>
      api.api.account['sign-in'].$post({ json: { email } }),
    ),
  /** Uses a sign-in link's token from a page; sets the session cookie. */
  verify: (token: string) =>
    send<{ account: Account }>(() => api.api.account.verify.$post({ json: { token } })),
  /** The signed-in buyer; `401 unauthorized` when not signed in. */
  me: () => send<{ account: Account }>(() => api.api.account.me.$get(), 2),
  signOut: () => send<void>(() => api.api.account['sign-out'].$post(), 2),
  /** Every order bought with the account's email (guest orders too), newest first. */
  orders: () => send<{ orders: AccountOrder[] }>(() => api.api.account.orders.$get(), 2),
  /** Queues the confirmation email again: one email per key, so retries are safe. */
  resend: (orderId: string, idempotencyKey = newIdempotencyKey()) =>
    send<{ status: 'queued'; eventId: string }>(
      () =>
        api.api.account.orders[':orderId'].resend.$post({
          param: { orderId },
          header: { 'idempotency-key': idempotencyKey },
        }),
      2,
    ),
};

/** The local mailbox (development only; `404 not_found` in production). */
export const mailbox = {
  list: (to?: string) =>
    send<{ messages: MailSummary[] }>(
      () => api.api.dev.mailbox.$get({ query: to ? { to } : {} }),
      1,
    ),
  /** The email's HTML, as the buyer's mail client would get it. */
  html: async (id: string) =>
    (await sendRaw(() => api.api.dev.mailbox[':id'].$get({ param: { id } }))).text(),
};

/**
 * Door check-in with the organizer key or a scanner key. Not retried: a lost answer is
 * scanned again and then says "already used" with the first scan's time.
 */
export function checkIn(key: string, code: string, eventId?: string) {
  return send<{ ticket: CheckedInTicket }>(() =>
    api.api.checkin.$post({ json: eventId ? { code, eventId } : { code } }, bearer(key)),
  );
}

/**
 * A patch for the admission endpoint: only the fields given (it rejects unknown ones, and an
 * older backend does not know the adaptive-mode fields, so they go only when set).
 */
function admissionInput(config: Partial<AdmissionConfig>) {
  const { opensAt, mode, targetP95Ms, minRatePerMinute, maxRatePerMinute } = config;
  const { ratePerMinute, maxActive, sessionSeconds, paused, queueAll } = config;
  const adaptive = Object.fromEntries(
    Object.entries({ mode, targetP95Ms, minRatePerMinute, maxRatePerMinute }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  return {
    ratePerMinute,
    maxActive,
    sessionSeconds,
    paused,
    queueAll,
    ...(typeof opensAt === 'string' || opensAt === null ? { opensAt } : {}),
    ...adaptive,
  };
}

const admissionOf = (body: { admission: unknown }) => body.admission as AdmissionConfig;

export const admin = {
  listEvents: (key: string) =>
    send<{ events: EventSummary[] }>(() => api.api.admin.events.$get({}, bearer(key))),
  /** Creates an event and seeds its seats; 409 when the id is taken. */
  createEvent: (key: string, definition: EventDefinitionInput) =>
    send<{ event: EventDetail }>(() =>
      api.api.admin.events.$post({ json: { ...definition } }, bearer(key)),
    ),
  /** Replaces an event; sections may be added, existing ones keep their seats. */
  updateEvent: (key: string, eventId: string, definition: EventDefinitionInput) =>
    send<{ event: EventDetail }>(() =>
      api.api.admin.events[':eventId'].$put(
        { param: { eventId }, json: { ...definition } },
        bearer(key),
      ),
    ),
  /**
   * The sale dashboard: this origin process's per-minute series (holds, orders, seats sold,
   * buying-route p95 latency and 5xx rate; oldest first, the current minute last) and live stats.
   */
  dashboard: (key: string, eventId: string) =>
    send<Dashboard>(() =>
      api.api.admin.events[':eventId'].dashboard.$get({ param: { eventId } }, bearer(key)),
    ),
  getAdmission: (key: string, eventId: string) =>
    send<{ admission: unknown }>(() =>
      api.api.admin.events[':eventId'].admission.$get({ param: { eventId } }, bearer(key)),
    ).then(admissionOf),
  putAdmission: (key: string, eventId: string, config: Partial<AdmissionConfig>) =>
    send<{ admission: unknown }>(() =>
      api.api.admin.events[':eventId'].admission.$put(
        { param: { eventId }, json: admissionInput(config) },
        bearer(key),
      ),
    ).then(admissionOf),
  /** Orders by buyer email (any case) or by order id, newest first. */
  searchOrders: (key: string, query: { email: string } | { orderId: string }) =>
    send<{ orders: AccountOrder[] }>(() => api.api.admin.orders.$get({ query }, bearer(key)), 2),
  /** Cancels and refunds one order; a repeat answers `refunded: false`, so a retry is safe. */
  cancelOrder: (key: string, orderId: string, reason?: string) =>
    send<OrderCancellation>(
      () =>
        api.api.admin.orders[':orderId'].cancel.$post(
          { param: { orderId }, json: reason ? { reason } : {} },
          bearer(key),
        ),
      2,
    ),
  /** Stops sales and refunds every confirmed order; run again to refund late PENDING ones. */
  cancelEvent: (key: string, eventId: string, reason?: string) =>
    send<EventCancellation>(
      () =>
        api.api.admin.events[':eventId'].cancel.$post(
          { param: { eventId }, json: reason ? { reason } : {} },
          bearer(key),
        ),
      2,
    ),
  /** The event's orders as a CSV file (fetched with the key, so a plain link cannot do it). */
  exportOrdersCsv: async (key: string, eventId: string) =>
    (
      await sendRaw(() =>
        api.api.admin.events[':eventId']['orders.csv'].$get({ param: { eventId } }, bearer(key)),
      )
    ).blob(),
};

/**
 * The local edge's cache counters (`GET /_edge/stats`, local and CI only: CloudFront reports
 * its hit ratio through CloudWatch instead). Not the origin API, hence plain fetch.
 */
export function edgeStats(): Promise<EdgeStats> {
  return requestJson<EdgeStats>('/_edge/stats', { retries: 0 });
}
