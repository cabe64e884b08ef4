import type { HoldRecord } from '../../services/models';
import type { DomainEvent } from '../../services/outbox/events';
import {
  EVENTS_INDEX,
  HOLD_EXPIRY_SHARDS,
  holdExpiryShard,
  keys,
  recordOf,
  ttlAttribute,
} from './keys';
import { outboxUpdate } from './outbox-repo';
import type { TableOps } from './table-ops';

const DAY_MS = 86_400_000;
const names = { '#s': 'status' };
/** Leaving ACTIVE takes the hold out of the sparse expiry index. */
const UNINDEX = 'REMOVE gsi1pk, gsi1sk';

/** What the sweeper needs of an expired hold (the index projects the whole item). */
export type ExpiredHold = Pick<HoldRecord, 'id' | 'eventId' | 'ticketId' | 'seats' | 'expiresAt'>;

/**
 * Hold items. Status moves only from ACTIVE (or EXPIRED → CONVERTED for a late payment), each
 * move one conditional write. ACTIVE holds sit in a sparse, sharded expiry index on `gsi1`.
 */
export class HoldRepo {
  constructor(private readonly table: TableOps) {}

  /** Writes a new hold; false if a hold with this id already exists (a retried request). */
  async create(hold: HoldRecord): Promise<boolean> {
    return this.table.put(
      {
        ...keys.hold(hold.id),
        ...hold,
        gsi1pk: keys.holdExpiryPk(holdExpiryShard(hold.id)),
        gsi1sk: keys.holdExpirySk(hold.expiresAt, hold.id),
        // DynamoDB TTL deletes old holds a day after expiry; reads never rely on it.
        ...ttlAttribute(hold.expiresAt + DAY_MS),
      },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  async get(holdId: string): Promise<HoldRecord | undefined> {
    const item = await this.table.get(keys.hold(holdId));
    return item && recordOf<HoldRecord>(item);
  }

  /** `ACTIVE → RELEASED`; false when the hold is no longer ACTIVE. */
  async markReleased(holdId: string): Promise<boolean> {
    const out = await this.table.update(
      keys.hold(holdId),
      `SET #s = :to ${UNINDEX}`,
      { ':to': 'RELEASED', ':active': 'ACTIVE' },
      names,
      '#s = :active',
    );
    return out !== undefined;
  }

  /**
   * `ACTIVE → EXPIRED`, only once `expiresAt < now`: the sweeper's claim. With several origin
   * processes sweeping, exactly one wins each hold and frees its slot. With `event`
   * (`hold.expired`), the same write moves the item from the expiry index into the outbox's.
   */
  async markExpired(holdId: string, now: number, event?: DomainEvent): Promise<boolean> {
    const key = keys.hold(holdId);
    const ob = event ? outboxUpdate(key, event) : undefined;
    const out = await this.table.update(
      key,
      ob ? `SET #s = :to, ${ob.set} ADD ${ob.add}` : `SET #s = :to ${UNINDEX}`,
      { ':to': 'EXPIRED', ':active': 'ACTIVE', ':now': now, ...ob?.values },
      { ...names, ...ob?.names },
      '#s = :active AND expiresAt < :now',
    );
    return out !== undefined;
  }

  /**
   * Claims a live hold for one checkout's order before anything is charged: sets
   * `checkoutOrderId` when the hold is ACTIVE, unexpired and claimed by no order, or already
   * claimed by this order (a retry). With `takeOverFrom`, replaces the claim of that order (one
   * that FAILED, e.g. a declined card, or was never written) instead. False when another order
   * holds the claim or the hold is no longer live: two checkouts of one hold can never both
   * reach the charge.
   */
  async claimCheckout(
    holdId: string,
    orderId: string,
    now: number,
    takeOverFrom?: string,
  ): Promise<boolean> {
    const values: Record<string, unknown> = { ':o': orderId, ':active': 'ACTIVE', ':now': now };
    if (takeOverFrom) values[':prev'] = takeOverFrom;
    const out = await this.table.update(
      keys.hold(holdId),
      'SET checkoutOrderId = :o, checkoutAt = :now',
      values,
      names,
      // Flat (AND binds tighter than OR), see SeatRepo.hold.
      takeOverFrom
        ? '#s = :active AND expiresAt > :now AND checkoutOrderId = :prev'
        : 'checkoutOrderId = :o OR #s = :active AND expiresAt > :now AND attribute_not_exists(checkoutOrderId)',
    );
    return out !== undefined;
  }

  /**
   * `ACTIVE|EXPIRED → CONVERTED(orderId)`; idempotent for the same order. A payment that lands
   * after expiry still converts the hold when its seats were still this hold's to sell.
   */
  async markConverted(holdId: string, orderId: string): Promise<boolean> {
    const values = {
      ':to': 'CONVERTED',
      ':active': 'ACTIVE',
      ':expired': 'EXPIRED',
      ':o': orderId,
    };
    const allowed = '(#s IN (:active, :expired) OR #s = :to AND orderId = :o)';
    const out = await this.table.update(
      keys.hold(holdId),
      `SET #s = :to, orderId = :o ${UNINDEX}`,
      { ...values, ':zero': 0 },
      names,
      // An expired hold whose `hold.expired` is still in the outbox keeps its index entry.
      `${allowed} AND (attribute_not_exists(obn) OR obn <= :zero)`,
    );
    if (out) return true;
    const kept = await this.table.update(
      keys.hold(holdId),
      'SET #s = :to, orderId = :o',
      { ...values, ':zero': 0 },
      names,
      `${allowed} AND obn > :zero`,
    );
    return kept !== undefined;
  }

  /**
   * ACTIVE holds that expired before `now`, oldest first: at most `limit` per shard of the
   * expiry index (one Query each, no scan).
   */
  async listExpired(now: number, limit: number): Promise<ExpiredHold[]> {
    const shards = Array.from({ length: HOLD_EXPIRY_SHARDS }, (_, i) => i);
    const pages = await Promise.all(
      shards.map((shard) =>
        this.table.queryPage<ExpiredHold>({
          IndexName: EVENTS_INDEX,
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
          ExpressionAttributeValues: {
            ':pk': { S: keys.holdExpiryPk(shard) },
            ':before': { S: keys.holdExpirySk(now, '') },
          },
          ProjectionExpression: '#i, eventId, ticketId, seats, expiresAt',
          ExpressionAttributeNames: { '#i': 'id' },
          Limit: limit,
        }),
      ),
    );
    return pages.flat();
  }
}
