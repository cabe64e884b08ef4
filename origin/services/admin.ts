import { AppError } from '../../common/errors';
import { catalogPaths } from '../adapters/cdn/types';
import type { DynamoStore } from '../adapters/dynamo/store';
import { parseEventDefinition } from '../domain/event-definition';
import { seatIdsInOrder, type VenueSection } from '../domain/venue';
import type { MinutePoint } from './activity';
import { isFree, requireEvent } from './catalog';
import type { ResolvedDeps } from './deps';
import { type EventDetail, type EventSummary, toDetail, toSummary } from './event-view';
import type { EventStats } from './models';

/** The organizer's sale dashboard (`GET /api/admin/events/{eventId}/dashboard`). */
export interface Dashboard {
  eventId: string;
  asOf: string;
  /** This process's per-minute series, last 30 minutes, oldest first. */
  minutes: MinutePoint[];
  /** Live stats, from the table (the same for every process). */
  current: EventStats;
}

type AdminDeps = Pick<ResolvedDeps, 'store' | 'admission' | 'clock'> &
  Partial<
    Pick<
      ResolvedDeps,
      'eventCache' | 'invalidator' | 'holdTally' | 'activity' | 'onBackgroundError'
    >
  >;

/** Seeds every seat (or GA unit) of the given sections as AVAILABLE. */
export async function seedSections(
  store: DynamoStore,
  eventId: string,
  sections: readonly VenueSection[],
): Promise<void> {
  await store.seats.seed(
    sections.flatMap((section) =>
      seatIdsInOrder(section).map((seatId) => ({ eventId, sectionId: section.id, seatId })),
    ),
  );
}

const sameLayout = (a: VenueSection, b: VenueSection) =>
  JSON.stringify(seatIdsInOrder(a)) === JSON.stringify(seatIdsInOrder(b));

/**
 * After an event changes: forgets the cached event in this process and purges the CDN's catalog
 * pages for it (a failed purge is reported through `onBackgroundError`, never thrown: the pages
 * expire on their own).
 */
export async function afterChange(
  deps: Partial<Pick<ResolvedDeps, 'eventCache' | 'invalidator' | 'onBackgroundError'>>,
  eventId: string,
): Promise<void> {
  deps.eventCache?.invalidate(eventId);
  await deps.invalidator
    ?.invalidate(catalogPaths(eventId))
    .catch((error) => deps.onBackgroundError?.(error, 'CDN invalidation'));
}

/** Organizer operations: events (create, update, list), live stats, admission config. */
export function createAdminService(deps: AdminDeps) {
  const { store } = deps;

  /**
   * Changes the live room (Redis), then keeps the merged config on the event item (DynamoDB):
   * the copy the room-config keeper restores if Redis restarts empty.
   */
  async function configureRoom(eventId: string, patch: unknown): Promise<unknown> {
    const merged = await deps.admission.configure(eventId, patch);
    await store.events.saveAdmission(eventId, merged, deps.clock());
    return merged;
  }

  async function stats(eventId: string): Promise<EventStats> {
    await deps.holdTally?.flush(eventId);
    const record = await store.events.get(eventId);
    if (!record) throw new AppError('not_found', `No event "${eventId}"`);
    const now = deps.clock();
    const out: EventStats = {
      capacity: 0,
      available: 0,
      held: 0,
      sold: 0,
      holds: record.holdsCount,
      orders: record.ordersCount,
      revenueCents: record.revenueCents,
    };
    for (const section of record.definition.sections) {
      for (const seat of await store.seats.listSection(eventId, section.id)) {
        out.capacity++;
        if (seat.state === 'SOLD') out.sold++;
        else if (isFree(seat, now)) out.available++;
        else out.held++;
      }
    }
    return out;
  }

  return {
    async listEvents(): Promise<EventSummary[]> {
      const now = deps.clock();
      return (await store.events.list()).map((e) => toSummary(e.definition, now, e));
    },

    /**
     * Creates an event, seeds its seats (BatchWriteItem) and opens its waiting room with
     * `opensAt` = the on-sale time; 409 if the id is taken.
     */
    async createEvent(input: unknown): Promise<EventDetail> {
      const definition = parseEventDefinition(input);
      const now = deps.clock();
      if (!(await store.events.save(definition, 0, now))) {
        throw new AppError('conflict', `Event "${definition.id}" already exists`);
      }
      await seedSections(store, definition.id, definition.sections);
      // Every event gets its waiting room at once, with the default admission policy; joins
      // before the on-sale time form the room's pre-queue.
      await configureRoom(definition.id, { opensAt: Date.parse(definition.onSaleAt) });
      await afterChange(deps, definition.id);
      return toDetail(definition, now);
    },

    /**
     * Replaces an event's details. Sections may be added (their seats are seeded) but an existing
     * section's seats cannot change, since tickets may already be sold in it. A changed on-sale
     * time becomes the room's `opensAt`.
     */
    async updateEvent(eventId: string, input: unknown): Promise<EventDetail> {
      const definition = parseEventDefinition(input);
      if (definition.id !== eventId) {
        throw new AppError(
          'validation_failed',
          `Body id "${definition.id}" does not match "${eventId}"`,
        );
      }
      const current = await store.events.get(eventId);
      if (!current) throw new AppError('not_found', `No event "${eventId}"`);
      const before = new Map(current.definition.sections.map((s) => [s.id, s]));
      const changed = definition.sections.filter(
        (s) => before.has(s.id) && !sameLayout(before.get(s.id) as VenueSection, s),
      );
      const removed = [...before.keys()].filter(
        (id) => !definition.sections.some((s) => s.id === id),
      );
      if (changed.length > 0 || removed.length > 0) {
        throw new AppError(
          'conflict',
          'Existing sections cannot change their seats or be removed',
          {
            changed: changed.map((s) => s.id),
            removed,
          },
        );
      }
      const now = deps.clock();
      if (!(await store.events.save(definition, current.version, now))) {
        throw new AppError('conflict', 'The event changed meanwhile: reload and try again');
      }
      await seedSections(
        store,
        eventId,
        definition.sections.filter((s) => !before.has(s.id)),
      );
      // A moved on-sale time moves the room's opening (an unchanged one leaves an opening the
      // organizer set through the admission API alone).
      if (definition.onSaleAt !== current.definition.onSaleAt) {
        await configureRoom(eventId, { opensAt: Date.parse(definition.onSaleAt) });
      } else {
        // Keeps the durable copy in step (and makes one for an event stored before there was).
        const live = await deps.admission.getConfig(eventId).catch(() => null);
        if (live) await store.events.saveAdmission(eventId, live, now);
      }
      await afterChange(deps, eventId);
      return toDetail(definition, now, current);
    },

    /** Live counts from one Query per section, plus the running counters. */
    stats,

    /**
     * Per-minute series of this process (holds, orders, seats sold, latency, errors) plus the
     * live stats. Each origin process answers with its own series; the console sums them.
     */
    async dashboard(eventId: string): Promise<Dashboard> {
      const current = await stats(eventId);
      const now = deps.clock();
      return {
        eventId,
        asOf: new Date(now).toISOString(),
        minutes: deps.activity?.series(eventId, now) ?? [],
        current,
      };
    },

    async getAdmission(eventId: string): Promise<unknown> {
      await requireEvent(store, eventId);
      return deps.admission.getConfig(eventId);
    },

    async configureAdmission(eventId: string, config: unknown): Promise<unknown> {
      await requireEvent(store, eventId);
      return configureRoom(eventId, config);
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
