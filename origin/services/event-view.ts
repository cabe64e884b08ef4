import type { EventDefinition } from '../domain/event-definition';
import { type PriceTier, sectionCapacity, totalCapacity, type VenueSection } from '../domain/venue';

export type EventStatus = 'scheduled' | 'on_sale' | 'sold_out' | 'ended' | 'cancelled';

/** What the event item counts beside its definition: seats sold, and when it was cancelled. */
export interface EventStanding {
  soldSeats?: number;
  cancelledAt?: number;
}

/** Contract `EventSummary`. */
export interface EventSummary {
  id: string;
  name: string;
  venueName: string;
  startsAt: string;
  onSaleAt: string;
  status: EventStatus;
  priceFromCents: number;
  currency: string;
}

/** Contract `Section`: the venue section with its capacity spelled out. */
export type SectionView = VenueSection & { capacity: number };

/** Contract `EventDetail`. */
export interface EventDetail extends EventSummary {
  description: string;
  holdMinutes: number;
  maxPerBuyer: number;
  tiers: PriceTier[];
  sections: SectionView[];
}

/**
 * Where an event stands at `now`: `cancelled` once the organizer cancelled it (whatever else is
 * true), `ended` once it has started, `sold_out` once confirmed orders
 * cover every seat (`soldSeats`, a counter kept on the event item; seats merely held are not
 * sold out, they come back), `scheduled` before the on-sale time, else `on_sale`.
 */
export function eventStatus(
  event: EventDefinition,
  now: number,
  { soldSeats = 0, cancelledAt }: EventStanding = {},
): EventStatus {
  if (cancelledAt !== undefined) return 'cancelled';
  if (Date.parse(event.startsAt) <= now) return 'ended';
  if (soldSeats >= totalCapacity(event.sections)) return 'sold_out';
  if (Date.parse(event.onSaleAt) > now) return 'scheduled';
  return 'on_sale';
}

export function toSummary(
  event: EventDefinition,
  now: number,
  standing: EventStanding = {},
): EventSummary {
  return {
    id: event.id,
    name: event.name,
    venueName: event.venueName,
    startsAt: event.startsAt,
    onSaleAt: event.onSaleAt,
    status: eventStatus(event, now, standing),
    priceFromCents: Math.min(...event.tiers.map((t) => t.priceCents)),
    currency: event.currency,
  };
}

export function toDetail(
  event: EventDefinition,
  now: number,
  standing: EventStanding = {},
): EventDetail {
  return {
    ...toSummary(event, now, standing),
    description: event.description,
    holdMinutes: event.holdMinutes,
    maxPerBuyer: event.maxPerBuyer,
    tiers: event.tiers,
    sections: event.sections.map((s) => ({ ...s, capacity: sectionCapacity(s) })),
  };
}
