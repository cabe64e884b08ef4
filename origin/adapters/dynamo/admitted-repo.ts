import type { DomainEvent } from '../../services/outbox/events';
import { keys, ttlAttribute } from './keys';
import { outboxAttributes } from './outbox-repo';
import type { TableOps } from './table-ops';

/** How long an admitted-ticket item (the feed's dedupe record) is kept after the admission. */
export const ADMITTED_RECORD_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The origin's side of the edge's admitted stream (services/outbox/admitted-feed.ts): one item
 * per admitted ticket that carries its `buyer.admitted` event in the outbox, and the feed's read
 * cursor per event. The item is put only if it does not exist, so reading the same stream entry
 * again (a crash before the cursor was saved, two processes feeding at once) writes no second
 * event: the item itself is the dedupe record, and stays after the relay removed the event.
 */
export class AdmittedRepo {
  constructor(private readonly table: TableOps) {}

  /**
   * Records one admission with its event pending in the outbox (attribute `ob#{id}`, count
   * `obn`, sparse `gsi1` entry: outbox-repo.ts). False when the ticket was recorded before.
   * @example await store.admitted.record(buyerAdmitted(eventId, ticketId, position, at));
   */
  async record(event: DomainEvent<'buyer.admitted'>): Promise<boolean> {
    const { eventId, ticketId } = event.detail;
    const key = keys.admitted(eventId, ticketId);
    return this.table.put(
      {
        ...key,
        ...event.detail,
        ...outboxAttributes(key, event),
        ...ttlAttribute(event.occurredAt + ADMITTED_RECORD_DAYS * DAY_MS),
      },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  /** The feed's cursor in the event's admitted stream (undefined: never read). */
  async cursor(eventId: string): Promise<string | undefined> {
    const item = await this.table.get<{ cursor?: string }>(keys.admittedCursor(eventId));
    return item?.cursor;
  }

  /**
   * Saves the cursor. Unconditional: two feeding processes may save out of order, and a cursor
   * that moves back only makes the next read see entries again, which `record` ignores.
   */
  async saveCursor(eventId: string, cursor: string, at: number): Promise<void> {
    await this.table.put({ ...keys.admittedCursor(eventId), cursor, savedAt: at });
  }
}
