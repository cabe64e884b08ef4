import { type EventDefinition, parseEventDefinition } from './event-definition';
import type { SeatedSection, SectionLayout } from './venue';

/** How to generate one seated section. */
export interface SectionPlan extends SectionLayout {
  id: string;
  name: string;
  tierId: string;
  /** How many rows (labelled A, B, …, Z, AA, AB, …), front row first. */
  rows: number;
  /** Seats in every row, or one count per row (e.g. rows widening towards the back). */
  seatsPerRow: number | readonly number[];
}

/** Row label for a 0-based row index, spreadsheet style: 0 → A, 25 → Z, 26 → AA. */
export function rowLabel(index: number): string {
  let label = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  }
  return label;
}

/**
 * Builds seated sections from compact plans, so a venue reads as a few lines.
 * @example generateSections({ sections: [{ id: 'floor-a', name: 'Floor A', tierId: 'floor', rows: 20, seatsPerRow: 30 }] })
 */
export function generateSections(options: { sections: readonly SectionPlan[] }): SeatedSection[] {
  return options.sections.map(({ rows, seatsPerRow, ...rest }) => ({
    ...rest,
    kind: 'seated',
    rows: Array.from({ length: rows }, (_, i) => ({
      label: rowLabel(i),
      seats: typeof seatsPerRow === 'number' ? seatsPerRow : (seatsPerRow[i] ?? 0),
    })),
  }));
}

const widening = (rows: number, first: number) => Array.from({ length: rows }, (_, i) => first + i);
const DAY_MS = 86_400_000;

/**
 * The demo event `demo-arena`: on sale at `now`, starting 30 days later; 7,110 seats in 15
 * seated sections across three tiers (floor, lower 100s, upper 200s, listed nearest-first
 * within each tier so best-available can follow the order) plus a 1,000-place standing pit.
 * Layout hints place the stage at the top centre of a 1000 × 1000 plan.
 */
export function demoEventDefinition(now: Date): EventDefinition {
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
  const lower = (n: number, x: number, y: number) => ({
    id: `lower-${n}`,
    name: `Lower ${n}`,
    tierId: 'lower',
    rows: 15,
    seatsPerRow: widening(15, 20),
    x,
    y,
    width: 150,
    height: 120,
  });
  const upper = (n: number, x: number, y: number) => ({
    id: `upper-${n}`,
    name: `Upper ${n}`,
    tierId: 'upper',
    rows: 16,
    seatsPerRow: 30,
    x,
    y,
    width: 160,
    height: 110,
  });
  const floor = (letter: string, x: number) => ({
    id: `floor-${letter.toLowerCase()}`,
    name: `Floor ${letter}`,
    tierId: 'floor',
    rows: 20,
    seatsPerRow: 30,
    x,
    y: 280,
    width: 130,
    height: 150,
  });
  const seated = generateSections({
    sections: [
      floor('B', 500),
      floor('A', 350),
      floor('C', 650),
      lower(101, 150, 250),
      lower(106, 850, 250),
      lower(102, 150, 420),
      lower(105, 850, 420),
      lower(103, 380, 470),
      lower(104, 620, 470),
      upper(201, 60, 300),
      upper(206, 940, 300),
      upper(202, 130, 610),
      upper(205, 870, 610),
      upper(203, 380, 650),
      upper(204, 620, 650),
    ],
  });
  return parseEventDefinition({
    id: 'demo-arena',
    name: 'Floodgate Live — Demo Arena',
    description:
      'A demo concert to try the waiting room, the seat map and checkout. Pay with the sandbox test card 4242 4242 4242 4242.',
    venueName: 'Demo Arena',
    startsAt: at(30 * DAY_MS),
    onSaleAt: now.toISOString(),
    currency: 'USD',
    holdMinutes: 10,
    maxPerBuyer: 8,
    tiers: [
      { id: 'floor', name: 'Floor', priceCents: 14_900 },
      { id: 'lower', name: 'Lower Bowl', priceCents: 8_900 },
      { id: 'upper', name: 'Upper Bowl', priceCents: 4_900 },
      { id: 'standing', name: 'Standing (General Admission)', priceCents: 6_900 },
    ],
    sections: [
      {
        id: 'standing',
        name: 'Standing Pit',
        kind: 'ga',
        tierId: 'standing',
        capacity: 1_000,
        x: 500,
        y: 150,
        width: 440,
        height: 70,
      },
      ...seated,
    ],
  });
}
