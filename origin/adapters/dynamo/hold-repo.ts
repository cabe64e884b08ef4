import type { HoldRecord } from '../../services/models';
import { EVENTS_INDEX, HOLD_EXPIRY_SHARDS, holdExpiryShard, keys } from './keys';
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
        // `ttl` lets DynamoDB TTL delete old holds; reads never rely on it (TTL lags up to days).
        ttl: Math.ceil((hold.expiresAt + DAY_MS) / 1000),
      },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  async get(holdId: string): Promise<HoldRecord | undefined> {
    const item = await this.table.get<
      HoldRecord & { pk?: string; sk?: string; ttl?: number; gsi1pk?: string; gsi1sk?: string }
    >(keys.hold(holdId));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ttl: _ttl, gsi1pk: _g, gsi1sk: _gs, ...hold } = item;
    return hold;
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
   * processes sweeping, exactly one wins each hold and frees its slot.
   */
  async markExpired(holdId: string, now: number): Promise<boolean> {
    const out = await this.table.update(
      keys.hold(holdId),
      `SET #s = :to ${UNINDEX}`,
      { ':to': 'EXPIRED', ':active': 'ACTIVE', ':now': now },
      names,
      '#s = :active AND expiresAt < :now',
    );
    return out !== undefined;
  }

  /**
   * `ACTIVE|EXPIRED → CONVERTED(orderId)`; idempotent for the same order. A payment that lands
   * after expiry still converts the hold when its seats were still this hold's to sell.
   */
  async markConverted(holdId: string, orderId: string): Promise<boolean> {
    const out = await this.table.update(
      keys.hold(holdId),
      `SET #s = :to, orderId = :o ${UNINDEX}`,
      { ':to': 'CONVERTED', ':active': 'ACTIVE', ':expired': 'EXPIRED', ':o': orderId },
      names,
      '#s IN (:active, :expired) OR #s = :to AND orderId = :o',
    );
    return out !== undefined;
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
