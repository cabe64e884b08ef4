import { keys, recordOf } from './keys';
import type { TableOps } from './table-ops';

/** A ticket admitted at the door. */
export interface CheckinRecord {
  ticketId: string;
  eventId: string;
  seatId: string;
  orderId: string;
  /** Epoch ms. */
  usedAt: number;
  /** Who scanned it: `organizer` or the scanner key's label. */
  by: string;
}

/** One item per used ticket, written with a conditional put so a ticket is used exactly once. */
export class CheckinRepo {
  constructor(private readonly table: TableOps) {}

  /**
   * Marks a ticket used. When it already was, answers the first check-in (its time and
   * scanner), whichever process or door scanned it.
   */
  async markUsed(
    record: CheckinRecord,
  ): Promise<{ ok: true } | { ok: false; existing: CheckinRecord }> {
    const saved = await this.table.put(
      { ...keys.checkin(record.ticketId), ...record },
      { expression: 'attribute_not_exists(pk)' },
    );
    if (saved) return { ok: true };
    const existing = await this.get(record.ticketId);
    return { ok: false, existing: existing ?? record };
  }

  async get(ticketId: string): Promise<CheckinRecord | undefined> {
    const item = await this.table.get(keys.checkin(ticketId));
    return item && recordOf<CheckinRecord>(item);
  }
}
