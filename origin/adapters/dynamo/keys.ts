/**
 * The single-table key layout (all keys are strings `pk`/`sk`; one GSI `gsi1` for listing).
 *
 * | item              | pk                                 | sk                 | gsi1pk / gsi1sk         |
 * |-------------------|------------------------------------|--------------------|-------------------------|
 * | event META        | `EVENT#{eventId}`                  | `META`             | `EVENTS` / `{startsAt}#{eventId}` |
 * | section           | `EVENT#{eventId}`                  | `SEC#{sectionId}`  |                         |
 * | seat / GA unit    | `EVENT#{eventId}#SEC#{sectionId}`  | `SEAT#{seatId}`    |                         |
 * | hold              | `HOLD#{holdId}`                    | `HOLD`             | while ACTIVE: `HOLDEXP#{shard}` / `{expiresAt:15}#{holdId}` |
 * | buyer (limit)     | `BUYER#{eventId}#{ticketId}`       | `BUYER`            |                         |
 * | order (+tickets)  | `ORDER#{orderId}`                  | `ORDER`            |                         |
 * | payment → order   | `PAYMENT#{paymentId}`              | `PAYMENT`          |                         |
 * | idempotency       | `IDEM#{scope}#{key}`               | `IDEM`             |                         |
 * | email → order     | `EMAILORDERS#{email}`              | `ORDER#{orderId}`  |                         |
 * | event → order     | `EVENTORDERS#{eventId}#{shard}`    | `ORDER#{orderId}`  |                         |
 * | account           | `ACCOUNT#{email}`                  | `ACCOUNT`          |                         |
 * | session           | `SESSION#{sessionId}`              | `SESSION`          |                         |
 * | used sign-in link | `LINK#{jti}`                       | `LINK`             |                         |
 * | sign-in throttle  | `SIGNIN#{email}#{window}`          | `SIGNIN`           |                         |
 * | processed event   | `DONE#{consumer}#{eventId}`        | `DONE`             |                         |
 * | ticket check-in   | `CHECKIN#{ticketId}`               | `CHECKIN`          |                         |
 * | admitted ticket   | `ADMITTED#{eventId}#{ticketId}`    | `ADMITTED`         |                         |
 * | admitted cursor   | `ADMITFEED#{eventId}`              | `CURSOR`           |                         |
 *
 * Items with pending outbox events (orders; holds after ACTIVE; admitted tickets) sit in `gsi1` under
 * `OUTBOX#{shard}` / `{occurredAt:15}#{pk}` until the relay has published them (sparse).
 * `{email}` is always the normalized address (`normalizeEmail`).
 *
 * Seats are partitioned per section, not per event: a hot on-sale spreads its writes over as many
 * partitions as the venue has sections, and an availability read is one Query per section.
 * GA capacity is modelled as seat-like unit items (`gaUnitId(section, n)`) in the same partitions,
 * so the very same conditional write guards a GA unit: a GA sale can never exceed capacity, with
 * no counter that could drift. Tickets live inside the order item so that `CONFIRMED` and its
 * tickets are written by one single-item write (dynalite has no transactions).
 */
export const keys = {
  eventMeta: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'META' }),
  section: (eventId: string, sectionId: string) => ({
    pk: `EVENT#${eventId}`,
    sk: `SEC#${sectionId}`,
  }),
  seatPartition: (eventId: string, sectionId: string) => `EVENT#${eventId}#SEC#${sectionId}`,
  seat: (eventId: string, sectionId: string, seatId: string) => ({
    pk: `EVENT#${eventId}#SEC#${sectionId}`,
    sk: `SEAT#${seatId}`,
  }),
  hold: (holdId: string) => ({ pk: `HOLD#${holdId}`, sk: 'HOLD' }),
  buyer: (eventId: string, ticketId: string) => ({
    pk: `BUYER#${eventId}#${ticketId}`,
    sk: 'BUYER',
  }),
  order: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' }),
  payment: (paymentId: string) => ({ pk: `PAYMENT#${paymentId}`, sk: 'PAYMENT' }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEM#${scope}#${key}`, sk: 'IDEM' }),
  emailOrderLink: (email: string, orderId: string) => ({
    pk: `EMAILORDERS#${email}`,
    sk: `ORDER#${orderId}`,
  }),
  emailOrdersPk: (email: string) => `EMAILORDERS#${email}`,
  eventOrderLink: (eventId: string, shard: number, orderId: string) => ({
    pk: `EVENTORDERS#${eventId}#${shard}`,
    sk: `ORDER#${orderId}`,
  }),
  eventOrdersPk: (eventId: string, shard: number) => `EVENTORDERS#${eventId}#${shard}`,
  account: (email: string) => ({ pk: `ACCOUNT#${email}`, sk: 'ACCOUNT' }),
  session: (sessionId: string) => ({ pk: `SESSION#${sessionId}`, sk: 'SESSION' }),
  linkUse: (jti: string) => ({ pk: `LINK#${jti}`, sk: 'LINK' }),
  signInCount: (email: string, window: number) => ({
    pk: `SIGNIN#${email}#${window}`,
    sk: 'SIGNIN',
  }),
  processed: (consumer: string, eventId: string) => ({
    pk: `DONE#${consumer}#${eventId}`,
    sk: 'DONE',
  }),
  checkin: (ticketId: string) => ({ pk: `CHECKIN#${ticketId}`, sk: 'CHECKIN' }),
  admitted: (eventId: string, ticketId: string) => ({
    pk: `ADMITTED#${eventId}#${ticketId}`,
    sk: 'ADMITTED',
  }),
  admittedCursor: (eventId: string) => ({ pk: `ADMITFEED#${eventId}`, sk: 'CURSOR' }),
  /** The per-buyer limit item of an email (the `ticketId` slot of {@link keys.buyer}). */
  buyerEmailId: (email: string) => `EMAIL#${email}`,
  outboxPk: (shard: number) => `${OUTBOX_INDEX_PREFIX}${shard}`,
  outboxSk: (occurredAt: number, pk: string) => `${String(occurredAt).padStart(15, '0')}#${pk}`,
  eventsIndexPk: 'EVENTS',
  /** Sparse expiry index of ACTIVE holds, sharded so no GSI partition runs hot. */
  holdExpiryPk: (shard: number) => `HOLDEXP#${shard}`,
  holdExpirySk: (expiresAt: number, holdId: string) =>
    `${String(expiresAt).padStart(15, '0')}#${holdId}`,
} as const;

/** Shards of the event → order links; listing an event's orders queries each. */
export const EVENT_ORDER_SHARDS = 8;

/** Partition-key prefix of the pending-outbox entries in `gsi1`. */
export const OUTBOX_INDEX_PREFIX = 'OUTBOX#';

/** Pending events live on their item as top-level attributes `ob#{eventId}` (outbox-repo.ts). */
export const OUTBOX_ATTR = 'ob#';

/** Shards of the hold expiry index; the sweeper queries each. */
export const HOLD_EXPIRY_SHARDS = 8;

/**
 * A stable shard in `[0, shards)` of a text (a 31-multiplier string hash, unsigned 32-bit):
 * the one hash behind every sharded key, so an item's shard never changes between releases.
 */
export function stableShard(text: string, shards: number): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h % shards;
}

/** The expiry-index shard of a hold (a stable hash of its id). */
export function holdExpiryShard(holdId: string): number {
  return stableShard(holdId, HOLD_EXPIRY_SHARDS);
}

/** The GSI (`gsi1`) used to list events, and (sparse, sharded) to find expired holds. */
export const EVENTS_INDEX = 'gsi1';

/**
 * The table's TTL attribute: epoch seconds after which DynamoDB may delete the item (holds,
 * idempotency records). One name for both sides: the CDK table
 * (infra/lib/state/table-construct.ts) enables TTL on this very constant, so a repository can
 * never write an attribute the table does not expire.
 */
export const TTL_ATTRIBUTE = 'expiresAtEpoch';

const LAYOUT_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', TTL_ATTRIBUTE, 'obn']);

/**
 * The record in a stored item: the item without the table's layout attributes (`pk`, `sk`,
 * `gsi1pk`, `gsi1sk`, the TTL attribute, pending outbox events `ob#…` and their count `obn`),
 * which are no part of what a repository returns.
 * @example const item = await table.get(keys.hold(id)); return item && recordOf<HoldRecord>(item);
 */
export function recordOf<T>(item: object): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (LAYOUT_ATTRIBUTES.has(name) || name.startsWith(OUTBOX_ATTR)) continue;
    out[name] = value;
  }
  return out as T;
}

/**
 * The TTL attribute for an item DynamoDB may delete once `epochMs` has passed (rounded up to
 * the second). Reads never rely on it: TTL deletes lag by up to days.
 * @example table.put({ ...keys.hold(id), ...hold, ...ttlAttribute(hold.expiresAt + DAY_MS) })
 */
export function ttlAttribute(epochMs: number): { [TTL_ATTRIBUTE]: number } {
  return { [TTL_ATTRIBUTE]: Math.ceil(epochMs / 1000) };
}
