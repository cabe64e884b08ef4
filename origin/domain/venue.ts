import { GA_ROW, gaUnitId, seatId } from './seat-ids';

/**
 * The venue map of an event: price tiers and sections, seated (rows of numbered seats) or
 * general admission (a capacity of interchangeable units). Plain data; the zod schemas that
 * validate it live in `event-definition.ts`.
 */

/** A price level; every section belongs to one tier. */
export interface PriceTier {
  id: string;
  name: string;
  priceCents: number;
}

/** One row of a seated section; seats are numbered 1..seats. */
export interface SectionRow {
  label: string;
  seats: number;
}

/**
 * Layout hints for drawing a seat map: the section's centre (`x`, `y`) and size in a
 * 1000 × 1000 plan with the stage at the top centre. All optional.
 */
export interface SectionLayout {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

/** Seated section: rows in order, front row first. */
export interface SeatedSection extends SectionLayout {
  id: string;
  name: string;
  kind: 'seated';
  tierId: string;
  rows: SectionRow[];
}

/** General-admission section: `capacity` units with ids `${id}:GA:${n}`. */
export interface GaSection extends SectionLayout {
  id: string;
  name: string;
  kind: 'ga';
  tierId: string;
  capacity: number;
}

export type VenueSection = SeatedSection | GaSection;

/** Seats (or GA units) a section holds. */
export function sectionCapacity(section: VenueSection): number {
  return section.kind === 'ga'
    ? section.capacity
    : section.rows.reduce((sum, row) => sum + row.seats, 0);
}

/** Seats (and GA units) of all sections together. */
export function totalCapacity(sections: readonly VenueSection[]): number {
  return sections.reduce((sum, section) => sum + sectionCapacity(section), 0);
}

/**
 * Every seat id of a section in bitmap order (row by row, then seat number), the order the
 * availability codec uses. GA sections list their units 1..capacity.
 */
export function seatIdsInOrder(section: VenueSection): string[] {
  if (section.kind === 'ga') {
    return Array.from({ length: section.capacity }, (_, i) => gaUnitId(section.id, i + 1));
  }
  return section.rows.flatMap((row) =>
    Array.from({ length: row.seats }, (_, i) => seatId(section.id, row.label, i + 1)),
  );
}

/** True when `row`/`number` name a real seat (or GA unit) of the section. */
export function hasSeat(section: VenueSection, row: string, number: number): boolean {
  if (!Number.isInteger(number) || number < 1) return false;
  if (section.kind === 'ga') return row === GA_ROW && number <= section.capacity;
  const found = section.rows.find((r) => r.label === row);
  return found !== undefined && number <= found.seats;
}

/** The tier of a section, or undefined when the definition is inconsistent. */
export function tierOf(tiers: readonly PriceTier[], section: VenueSection): PriceTier | undefined {
  return tiers.find((tier) => tier.id === section.tierId);
}
