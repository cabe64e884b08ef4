import type { SeatRecord } from '../../services/models';
import { keys } from './keys';
import type { TableOps } from './table-ops';

/** Where one seat lives. */
export interface SeatKey {
  eventId: string;
  sectionId: string;
  seatId: string;
}

const names = { '#s': 'state' };

/**
 * Seat items and their state machine, every transition one conditional single-item write:
 * `AVAILABLE → HELD(holdId, expiresAt)`, undo `HELD(holdId) → AVAILABLE`,
 * `HELD(holdId) → SOLD(orderId)`, and giving back `SOLD(orderId) → AVAILABLE` for failed orders.
 * The hold id is the fencing token: a writer whose lock expired cannot touch a seat that another
 * hold now owns. In `unsafe` mode (storm demonstration only) conditions are dropped.
 */
export class SeatRepo {
  constructor(
    private readonly table: TableOps,
    private readonly safe = true,
  ) {}

  /** Seeds seats as AVAILABLE with BatchWriteItem (overwrites: only for new sections). */
  async seed(seats: SeatKey[]): Promise<void> {
    await this.table.putMany(
      seats.map((s) => ({
        ...keys.seat(s.eventId, s.sectionId, s.seatId),
        ...s,
        state: 'AVAILABLE',
      })),
    );
  }

  /** Every seat of a section: one Query on the section's partition. */
  async listSection(eventId: string, sectionId: string, consistent = false): Promise<SeatRecord[]> {
    const items = await this.table.queryAll<SeatRecord>({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: keys.seatPartition(eventId, sectionId) } },
      ProjectionExpression: 'eventId, sectionId, seatId, #s, holdId, expiresAt, orderId',
      ExpressionAttributeNames: names,
      ConsistentRead: consistent,
    });
    return items;
  }

  async get(ref: SeatKey): Promise<SeatRecord | undefined> {
    return this.table.get<SeatRecord>(keys.seat(ref.eventId, ref.sectionId, ref.seatId));
  }

  /**
   * `AVAILABLE → HELD`. Also succeeds when the seat is held by an expired hold, or already by
   * this very hold (a retry). Returns false when someone else owns it, or it does not exist.
   */
  async hold(ref: SeatKey, holdId: string, expiresAt: number, now: number): Promise<boolean> {
    // Flat on purpose (AND binds tighter than OR): the same guard as
    // `exists AND (AVAILABLE OR (HELD AND (expired OR mine)))`, since only HELD seats carry
    // `expiresAt` and a missing item has no `state`; nested parentheses cost dynalite's
    // expression parser several times more per write.
    const condition = this.safe
      ? '#s = :available OR expiresAt < :now OR #s = :held AND holdId = :h'
      : 'attribute_exists(pk)';
    const values: Record<string, unknown> = { ':held': 'HELD', ':h': holdId, ':e': expiresAt };
    if (this.safe) Object.assign(values, { ':available': 'AVAILABLE', ':now': now });
    const out = await this.table.update(
      keys.seat(ref.eventId, ref.sectionId, ref.seatId),
      'SET #s = :held, holdId = :h, expiresAt = :e REMOVE orderId',
      values,
      names,
      condition,
    );
    return out !== undefined;
  }

  /** Undo `HELD(holdId) → AVAILABLE`; a no-op (false) if the seat is no longer this hold's. */
  async release(ref: SeatKey, holdId: string): Promise<boolean> {
    const out = await this.table.update(
      keys.seat(ref.eventId, ref.sectionId, ref.seatId),
      'SET #s = :available REMOVE holdId, expiresAt',
      { ':available': 'AVAILABLE', ':held': 'HELD', ':h': holdId },
      names,
      '#s = :held AND holdId = :h',
    );
    return out !== undefined;
  }

  /**
   * `HELD(holdId) → SOLD(orderId)`; idempotent (already SOLD to this order → true). The hold's
   * expiry is not checked: if it lapsed but nobody took the seat, the buyer still gets it.
   */
  async sell(ref: SeatKey, holdId: string, orderId: string): Promise<boolean> {
    const condition = this.safe
      ? '#s = :held AND holdId = :h OR #s = :sold AND orderId = :o'
      : 'attribute_exists(pk)';
    const values: Record<string, unknown> = { ':sold': 'SOLD', ':o': orderId };
    if (this.safe) Object.assign(values, { ':held': 'HELD', ':h': holdId });
    const out = await this.table.update(
      keys.seat(ref.eventId, ref.sectionId, ref.seatId),
      'SET #s = :sold, orderId = :o REMOVE expiresAt',
      values,
      names,
      condition,
    );
    return out !== undefined;
  }

  /** Gives a seat of a failed order back: `SOLD(orderId) → AVAILABLE`, only if still that order's. */
  async unsell(ref: SeatKey, orderId: string): Promise<boolean> {
    const out = await this.table.update(
      keys.seat(ref.eventId, ref.sectionId, ref.seatId),
      'SET #s = :available REMOVE orderId, holdId, expiresAt',
      { ':available': 'AVAILABLE', ':sold': 'SOLD', ':o': orderId },
      names,
      '#s = :sold AND orderId = :o',
    );
    return out !== undefined;
  }
}
