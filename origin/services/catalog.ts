import { AppError } from '../../common/errors';
import type { DynamoStore } from '../adapters/dynamo/store';
import { encodeAvailability } from '../domain/availability-codec';
import type { EventDefinition } from '../domain/event-definition';
import { isSeatFree, type SeatState } from '../domain/seat-state';
import { seatIdsInOrder, type VenueSection } from '../domain/venue';
import type { EventCache } from './event-cache';
import { type EventDetail, type EventSummary, toDetail, toSummary } from './event-view';
import type { SeatRecord } from './models';

/** Availability of one section: counts, plus the bitmap for seated sections. */
export interface SectionAvailability {
  available: number;
  capacity: number;
  seats?: string;
}

export interface Availability {
  eventId: string;
  asOf: string;
  sections: Record<string, SectionAvailability>;
}

/** The domain view of a stored seat. */
export function seatState(seat: SeatRecord): SeatState {
  if (seat.state === 'HELD') {
    return { status: 'HELD', holdId: seat.holdId ?? '', expiresAt: seat.expiresAt ?? 0 };
  }
  if (seat.state === 'SOLD') return { status: 'SOLD', orderId: seat.orderId ?? '' };
  return { status: 'AVAILABLE' };
}

/** True when nobody owns the seat at `now` (an expired hold counts as free). */
export function isFree(seat: SeatRecord | undefined, now: number): boolean {
  return seat !== undefined && isSeatFree(seatState(seat), now);
}

/** Reads an event or throws 404. */
export async function requireEvent(store: DynamoStore, eventId: string): Promise<EventDefinition> {
  const record = await store.events.get(eventId);
  if (!record) throw new AppError('not_found', `No event "${eventId}"`);
  return record.definition;
}

/** Free/taken state of every seat of a section, from one Query on its partition. */
export async function readSection(
  store: DynamoStore,
  eventId: string,
  section: VenueSection,
  now: number,
  consistent = false,
): Promise<Map<string, boolean>> {
  const seats = await store.seats.listSection(eventId, section.id, consistent);
  return new Map(seats.map((s) => [s.seatId, isFree(s, now)]));
}

/**
 * Public catalog reads: events, one event's detail (through the in-process event cache), and
 * live availability. Statuses include `sold_out` (from the event's sold-seat counter).
 */
export function createCatalogService(deps: {
  store: DynamoStore;
  clock: () => number;
  eventCache: EventCache;
}) {
  return {
    async listEvents(): Promise<EventSummary[]> {
      const now = deps.clock();
      const events = await deps.store.events.list();
      return events.map((e) => toSummary(e.definition, now, e));
    },

    async getEvent(eventId: string): Promise<EventDetail> {
      const record = await deps.eventCache.require(eventId);
      return toDetail(record.definition, deps.clock(), record);
    },

    async availability(eventId: string): Promise<Availability> {
      const event = (await deps.eventCache.require(eventId)).definition;
      const now = deps.clock();
      const entries = await Promise.all(
        event.sections.map(async (section): Promise<[string, SectionAvailability]> => {
          const free = await readSection(deps.store, eventId, section, now);
          const bits = seatIdsInOrder(section).map((id) => free.get(id) === true);
          const available = bits.filter(Boolean).length;
          const view: SectionAvailability = { available, capacity: bits.length };
          if (section.kind === 'seated') view.seats = encodeAvailability(bits);
          return [section.id, view];
        }),
      );
      return { eventId, asOf: new Date(now).toISOString(), sections: Object.fromEntries(entries) };
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
