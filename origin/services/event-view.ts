import type { EventDefinition } from '../domain/event-definition';
import { type PriceTier, sectionCapacity, type VenueSection } from '../domain/venue';

export type EventStatus = 'scheduled' | 'on_sale' | 'sold_out' | 'ended';

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

/** Where an event stands at `now` (sold out is not tracked here; availability shows it). */
export function eventStatus(event: EventDefinition, now: number): EventStatus {
  if (Date.parse(event.startsAt) <= now) return 'ended';
  if (Date.parse(event.onSaleAt) > now) return 'scheduled';
  return 'on_sale';
}

export function toSummary(event: EventDefinition, now: number): EventSummary {
  return {
    id: event.id,
    name: event.name,
    venueName: event.venueName,
    startsAt: event.startsAt,
    onSaleAt: event.onSaleAt,
    status: eventStatus(event, now),
    priceFromCents: Math.min(...event.tiers.map((t) => t.priceCents)),
    currency: event.currency,
  };
}

export function toDetail(event: EventDefinition, now: number): EventDetail {
  return {
    ...toSummary(event, now),
    description: event.description,
    holdMinutes: event.holdMinutes,
    maxPerBuyer: event.maxPerBuyer,
    tiers: event.tiers,
    sections: event.sections.map((s) => ({ ...s, capacity: sectionCapacity(s) })),
  };
}
