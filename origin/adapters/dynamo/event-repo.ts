import type { EventDefinition } from '../../domain/event-definition';
import { EVENTS_INDEX, keys } from './keys';
import type { TableOps } from './table-ops';

/** An event as stored: its definition plus running counters for the organizer's stats. */
export interface EventRecord {
  definition: EventDefinition;
  version: number;
  holdsCount: number;
  ordersCount: number;
  revenueCents: number;
  /** Seats of confirmed orders: the cheap `sold_out` signal. */
  soldSeats: number;
  updatedAt: number;
  /** Set once the organizer cancelled the event (epoch ms): nothing more is sold. */
  cancelledAt?: number;
}

interface EventItem {
  definition: string;
  version: number;
  holdsCount?: number;
  ordersCount?: number;
  revenueCents?: number;
  soldSeats?: number;
  updatedAt: number;
  cancelledAt?: number;
}

function fromItem(item: EventItem): EventRecord {
  return {
    ...(item.cancelledAt !== undefined ? { cancelledAt: item.cancelledAt } : {}),
    definition: JSON.parse(item.definition) as EventDefinition,
    version: item.version,
    holdsCount: item.holdsCount ?? 0,
    ordersCount: item.ordersCount ?? 0,
    revenueCents: item.revenueCents ?? 0,
    soldSeats: item.soldSeats ?? 0,
    updatedAt: item.updatedAt,
  };
}

/**
 * An event's durable copy of its waiting-room admission config, with what decides whether its
 * room should exist (see `origin/services/room-config-keeper.ts`).
 */
export interface EventAdmission {
  eventId: string;
  onSaleAt: string;
  startsAt: string;
  cancelledAt?: number;
  /** The config last set through the admin API; undefined for an event stored before it. */
  admission?: unknown;
}

/**
 * Event META items (definition stored as JSON, listed through `gsi1`) and one item per section.
 * Writes are optimistic on `version`, so two organizers editing at once cannot lose an update.
 */
export class EventRepo {
  constructor(private readonly table: TableOps) {}

  async get(eventId: string): Promise<EventRecord | undefined> {
    const item = await this.table.get<EventItem>(keys.eventMeta(eventId), false);
    return item ? fromItem(item) : undefined;
  }

  async list(): Promise<EventRecord[]> {
    const items = await this.table.queryAll<EventItem>({
      IndexName: EVENTS_INDEX,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: keys.eventsIndexPk } },
    });
    return items.map(fromItem);
  }

  /**
   * Creates (expectedVersion 0) or replaces (expectedVersion = the version read) an event.
   * @returns false when the event already exists / changed meanwhile.
   */
  async save(definition: EventDefinition, expectedVersion: number, now: number): Promise<boolean> {
    const key = keys.eventMeta(definition.id);
    const item = {
      ...key,
      gsi1pk: keys.eventsIndexPk,
      gsi1sk: `${definition.startsAt}#${definition.id}`,
      definition: JSON.stringify(definition),
      updatedAt: now,
    };
    let saved: boolean;
    if (expectedVersion === 0) {
      saved = await this.table.put(
        { ...item, version: 1, holdsCount: 0, ordersCount: 0, revenueCents: 0 },
        { expression: 'attribute_not_exists(pk)' },
      );
    } else {
      const out = await this.table.update(
        key,
        'SET gsi1pk = :g, gsi1sk = :gs, #def = :d, updatedAt = :u, version = :next',
        {
          ':g': item.gsi1pk,
          ':gs': item.gsi1sk,
          ':d': item.definition,
          ':u': now,
          ':v': expectedVersion,
          ':next': expectedVersion + 1,
        },
        { '#def': 'definition' },
        'version = :v',
      );
      saved = out !== undefined;
    }
    if (saved) {
      await this.table.putMany(
        definition.sections.map((section) => ({
          ...keys.section(definition.id, section.id),
          eventId: definition.id,
          section: JSON.stringify(section),
        })),
      );
    }
    return saved;
  }

  /** Adds to the organizer counters (holds made, orders confirmed, revenue, seats sold). */
  async count(
    eventId: string,
    delta: { holds?: number; orders?: number; revenueCents?: number; seats?: number },
  ): Promise<void> {
    await this.table.update(
      keys.eventMeta(eventId),
      'ADD holdsCount :h, ordersCount :o, revenueCents :r, soldSeats :s',
      {
        ':h': delta.holds ?? 0,
        ':o': delta.orders ?? 0,
        ':r': delta.revenueCents ?? 0,
        ':s': delta.seats ?? 0,
      },
      undefined,
      'attribute_exists(pk)',
    );
  }

  /**
   * Marks the event cancelled (idempotent: the first time is kept); returns the kept
   * `cancelledAt` (epoch ms), undefined if no such event.
   */
  async markCancelled(eventId: string, now: number): Promise<number | undefined> {
    const out = await this.table.update<Pick<EventItem, 'cancelledAt'>>(
      keys.eventMeta(eventId),
      'SET cancelledAt = if_not_exists(cancelledAt, :now)',
      { ':now': now },
      undefined,
      'attribute_exists(pk)',
    );
    return out?.cancelledAt;
  }

  /**
   * Stores the event's admission config (JSON) on its META item: Redis holds the live room, this
   * is the copy that survives Redis restarting empty. False if there is no such event.
   */
  async saveAdmission(eventId: string, admission: unknown, now: number): Promise<boolean> {
    const out = await this.table.update(
      keys.eventMeta(eventId),
      'SET #adm = :a, admissionAt = :u',
      { ':a': JSON.stringify(admission), ':u': now },
      { '#adm': 'admission' },
      'attribute_exists(pk)',
    );
    return out !== undefined;
  }

  /** Every event's stored admission config with its sale times: one Query of `gsi1`. */
  async listAdmissions(): Promise<EventAdmission[]> {
    const items = await this.table.queryAll<
      Pick<EventItem, 'definition' | 'cancelledAt'> & { admission?: string }
    >({
      IndexName: EVENTS_INDEX,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: keys.eventsIndexPk } },
      ProjectionExpression: '#def, #can, #adm',
      ExpressionAttributeNames: {
        '#def': 'definition',
        '#can': 'cancelledAt',
        '#adm': 'admission',
      },
    });
    return items.map((item) => {
      const definition = JSON.parse(item.definition) as EventDefinition;
      return {
        eventId: definition.id,
        onSaleAt: definition.onSaleAt,
        startsAt: definition.startsAt,
        ...(item.cancelledAt !== undefined ? { cancelledAt: item.cancelledAt } : {}),
        ...(item.admission !== undefined
          ? { admission: JSON.parse(item.admission) as unknown }
          : {}),
      };
    });
  }
}
