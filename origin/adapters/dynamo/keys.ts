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
  eventsIndexPk: 'EVENTS',
  /** Sparse expiry index of ACTIVE holds, sharded so no GSI partition runs hot. */
  holdExpiryPk: (shard: number) => `HOLDEXP#${shard}`,
  holdExpirySk: (expiresAt: number, holdId: string) =>
    `${String(expiresAt).padStart(15, '0')}#${holdId}`,
} as const;

/** Shards of the hold expiry index; the sweeper queries each. */
export const HOLD_EXPIRY_SHARDS = 8;

/** The expiry-index shard of a hold (a stable hash of its id). */
export function holdExpiryShard(holdId: string): number {
  let h = 0;
  for (let i = 0; i < holdId.length; i++) h = (h * 31 + holdId.charCodeAt(i)) >>> 0;
  return h % HOLD_EXPIRY_SHARDS;
}

/** The GSI (`gsi1`) used to list events, and (sparse, sharded) to find expired holds. */
export const EVENTS_INDEX = 'gsi1';
