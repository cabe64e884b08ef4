import type { DomainEvent } from '../../services/outbox/events';
import { EVENTS_INDEX, keys, OUTBOX_ATTR, OUTBOX_INDEX_PREFIX, stableShard } from './keys';
import type { TableOps } from './table-ops';

type Key = { pk: string; sk: string };

/** Shards of the sparse pending-outbox index; the relay queries each. */
export const OUTBOX_SHARDS = 4;

/** The outbox shard of an item (a stable hash of its partition key). */
export function outboxShard(pk: string): number {
  return stableShard(pk, OUTBOX_SHARDS);
}

/** The outbox attributes of an item with one pending event (see {@link outboxUpdate}). */
export interface OutboxAttributes {
  [name: string]: unknown;
  gsi1pk: string;
  gsi1sk: string;
  obn: number;
}

/**
 * The attributes that put an item with `event` pending into the outbox: the sparse index entry
 * `gsi1pk`/`gsi1sk` (`OUTBOX#{shard}` / `{occurredAt:15}#{pk}`), the event as `ob#{id}`, and
 * the pending count `obn` = 1. For an item written whole (a put); a state change of an existing
 * item uses {@link outboxUpdate}, which writes the same entry and event and adds 1 to `obn`.
 * @example table.put({ ...key, ...record, ...outboxAttributes(key, event) }, …)
 */
export function outboxAttributes(key: Key, event: DomainEvent): OutboxAttributes {
  return {
    gsi1pk: keys.outboxPk(outboxShard(key.pk)),
    gsi1sk: keys.outboxSk(event.occurredAt, key.pk),
    [OUTBOX_ATTR + event.id]: event,
    obn: 1,
  };
}

/** What to splice into a state change's UpdateExpression so it also writes one event. */
export interface OutboxUpdate {
  /** `SET` clauses (comma-joined, no keyword). */
  set: string;
  /** `ADD` clauses (no keyword). */
  add: string;
  /** ANDed into the write's condition: an event is added once, so the pending count stays exact. */
  condition: string;
  values: Record<string, unknown>;
  names: Record<string, string>;
}

/**
 * The outbox part of a state change (ARCHITECTURE.md "Storage": no transactions, so the event
 * rides in the same single-item write): the event as attribute `ob#{id}`, the pending count
 * `obn` + 1, and the item put into the sparse index `gsi1` under `OUTBOX#{shard}` where the relay
 * finds it. Only items that use `gsi1` for nothing else while an event can be pending carry it:
 * orders, and holds once they left ACTIVE.
 * @example table.update(key, `SET #s = :to, ${ob.set} ADD ${ob.add}`, { ...v, ...ob.values }, …)
 */
export function outboxUpdate(key: Key, event: DomainEvent): OutboxUpdate {
  const { gsi1pk, gsi1sk } = outboxAttributes(key, event);
  return {
    set: 'gsi1pk = :obpk, gsi1sk = :obsk, #obev = :obev',
    add: 'obn :obone',
    condition: 'attribute_not_exists(#obev)',
    values: {
      ':obpk': gsi1pk,
      ':obsk': gsi1sk,
      ':obev': event,
      ':obone': 1,
    },
    names: { '#obev': OUTBOX_ATTR + event.id },
  };
}

/** An item with pending events, as the relay reads it from the index. */
export interface PendingItem {
  key: Key;
  events: DomainEvent[];
}

/**
 * The relay's side of the outbox: find items with pending events (one Query per shard of the
 * sparse index, never a scan), mark one event published (conditional, so two relays agree),
 * and take an item out of the index once nothing is pending.
 */
export class OutboxRepo {
  constructor(private readonly table: TableOps) {}

  /** Items with pending events, oldest first, at most `limit` per shard. */
  async listPending(limit: number): Promise<PendingItem[]> {
    const shards = Array.from({ length: OUTBOX_SHARDS }, (_, i) => i);
    const pages = await Promise.all(
      shards.map((shard) =>
        this.table.queryPage<Record<string, unknown>>({
          IndexName: EVENTS_INDEX,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: keys.outboxPk(shard) } },
          Limit: limit,
        }),
      ),
    );
    return pages.flat().map((item) => ({
      key: { pk: item.pk as string, sk: item.sk as string },
      events: Object.entries(item)
        .filter(([name]) => name.startsWith(OUTBOX_ATTR))
        .map(([, value]) => value as DomainEvent)
        .sort((a, b) => a.occurredAt - b.occurredAt),
    }));
  }

  /** Removes a published event from its item; false when another relay already did. */
  async markPublished(key: Key, eventId: string): Promise<boolean> {
    const out = await this.table.update(
      key,
      'REMOVE #ob ADD obn :minus',
      { ':minus': -1 },
      { '#ob': OUTBOX_ATTR + eventId },
      'attribute_exists(#ob)',
    );
    return out !== undefined;
  }

  /**
   * Takes the item out of the pending index when no event is left. Conditional on the count
   * and on the index key being the outbox's, so a write that added an event meanwhile (or an
   * ACTIVE hold's expiry entry) is never unindexed.
   */
  async unindexIfDone(key: Key): Promise<boolean> {
    const out = await this.table.update(
      key,
      'REMOVE gsi1pk, gsi1sk',
      { ':zero': 0, ':prefix': OUTBOX_INDEX_PREFIX },
      undefined,
      'begins_with(gsi1pk, :prefix) AND (attribute_not_exists(obn) OR obn <= :zero)',
    );
    return out !== undefined;
  }
}
