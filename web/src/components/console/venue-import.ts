import type { SectionInput, SectionRow, Tier } from '../../api/types';

/**
 * Venue maps for the event editor, from the three sources an organizer has at hand: a JSON file
 * (an exported event or just its sections), a CSV file (`section,row,seats,tier`, one line per
 * row) or a generator (sections × rows × seats). Pure, so it is tested without a browser; the
 * origin validates the result again (ids, tiers, seat limits) and its message is shown as is.
 */

/** What an import produced: the sections and, when the file named them, the price tiers. */
export interface VenueImport {
  sections: SectionInput[];
  tiers?: Tier[];
}

const SLUG = /[^a-z0-9]+/g;

/** "Floor A" → "floor-a": a section id the contract accepts (`^[a-z0-9][a-z0-9-]{0,31}$`). */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(SLUG, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  return slug.replace(/-+$/, '') || 'section';
}

/** Row label for a 0-based index, spreadsheet style: 0 → A, 25 → Z, 26 → AA. */
export function rowLabel(index: number): string {
  let label = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  }
  return label;
}

/** Total seats (or standing places) of some sections. */
export function venueCapacity(sections: SectionInput[]): number {
  return sections.reduce(
    (n, s) => n + (s.kind === 'ga' ? s.capacity : s.rows.reduce((m, r) => m + r.seats, 0)),
    0,
  );
}

/** Tier ids the sections use, in first-use order. */
export function tierIdsOf(sections: SectionInput[]): string[] {
  return [...new Set(sections.map((s) => s.tierId))];
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected an object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Reads a venue from JSON: an event definition (`{ tiers, sections }`), `{ sections }`, or a bare
 * array of sections. Checks the shape, not every rule (the origin does that).
 *
 * @example parseVenueJson('[{"id":"pit","name":"Pit","kind":"ga","tierId":"ga","capacity":500}]')
 */
export function parseVenueJson(text: string): VenueImport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`Not valid JSON: ${(error as Error).message}`);
  }
  const root = Array.isArray(data) ? { sections: data } : asObject(data, 'venue');
  if (!Array.isArray(root.sections) || root.sections.length === 0) {
    throw new Error('The JSON has no "sections" list');
  }
  const sections = root.sections.map((raw, i) => {
    const s = asObject(raw, `sections[${i}]`);
    if (typeof s.id !== 'string' || typeof s.tierId !== 'string') {
      throw new Error(`sections[${i}]: "id" and "tierId" are required`);
    }
    const name = typeof s.name === 'string' ? s.name : s.id;
    if (s.kind === 'ga') return { ...s, name, kind: 'ga', capacity: Number(s.capacity) };
    if (!Array.isArray(s.rows)) throw new Error(`sections[${i}] (${s.id}): "rows" is required`);
    return { ...s, name, kind: 'seated', rows: s.rows as SectionRow[] };
  }) as SectionInput[];
  const tiers = Array.isArray(root.tiers) ? (root.tiers as Tier[]) : undefined;
  return tiers ? { sections, tiers } : { sections };
}

/**
 * Reads a venue from CSV, one line per row: `section,row,seats,tier` (a header line is optional).
 * Lines of the same section form it in file order; a section's tier comes from its first line.
 *
 * @example parseVenueCsv('section,row,seats,tier\nFloor A,A,20,floor\nFloor A,B,22,floor')
 */
export function parseVenueCsv(text: string): VenueImport {
  const bySection = new Map<string, { name: string; tierId: string; rows: SectionRow[] }>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const cells = line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (cells.every((c) => c === '')) return;
    if (i === 0 && cells[0]?.toLowerCase() === 'section') return;
    const [section, row, seats, tier] = cells;
    const where = `line ${i + 1}`;
    if (!section || !row || !seats || !tier) {
      throw new Error(`${where}: expected section,row,seats,tier`);
    }
    const count = Number(seats);
    if (!Number.isInteger(count) || count < 1) {
      throw new Error(`${where}: seats must be a whole number ≥ 1, got "${seats}"`);
    }
    const id = slugify(section);
    let entry = bySection.get(id);
    if (!entry) {
      entry = { name: section, tierId: slugify(tier), rows: [] };
      bySection.set(id, entry);
    } else if (entry.tierId !== slugify(tier)) {
      throw new Error(`${where}: section "${section}" already has tier "${entry.tierId}"`);
    }
    const label = row.toUpperCase();
    if (entry.rows.some((r) => r.label === label)) {
      throw new Error(`${where}: row ${label} appears twice in section "${section}"`);
    }
    entry.rows.push({ label, seats: count });
  });
  if (bySection.size === 0) throw new Error('The CSV has no rows');
  return {
    sections: placeOnGrid([...bySection].map(([id, s]) => ({ id, kind: 'seated', ...s }))),
  };
}

/** How the generator builds a venue. */
export interface VenuePlan {
  sections: number;
  rows: number;
  seatsPerRow: number;
  /** Tiers handed out front to back: the first sections get the first tier. */
  tierIds: string[];
}

/**
 * Sections "Section 1"… each `rows` × `seatsPerRow`, tiers spread front to back, placed on a grid.
 *
 * @example generateVenue({ sections: 4, rows: 10, seatsPerRow: 20, tierIds: ['front', 'back'] })
 */
export function generateVenue(plan: VenuePlan): VenueImport {
  const tiers = plan.tierIds.length ? plan.tierIds : ['standard'];
  const sections: SectionInput[] = Array.from({ length: plan.sections }, (_, i) => ({
    id: `section-${i + 1}`,
    name: `Section ${i + 1}`,
    kind: 'seated',
    tierId: tiers[Math.floor((i * tiers.length) / plan.sections)] as string,
    rows: Array.from({ length: plan.rows }, (_, r) => ({
      label: rowLabel(r),
      seats: plan.seatsPerRow,
    })),
  }));
  return { sections: placeOnGrid(sections) };
}

/**
 * Gives sections without layout hints a place on a grid below the stage (the seat map's 1000 ×
 * 1000 plan), so a CSV or generated venue draws as a venue rather than one long row.
 */
export function placeOnGrid(sections: SectionInput[]): SectionInput[] {
  const unplaced = sections.filter((s) => s.x === undefined || s.y === undefined);
  if (unplaced.length === 0) return sections;
  const columns = Math.ceil(Math.sqrt(unplaced.length));
  const rows = Math.ceil(unplaced.length / columns);
  const cellW = 1000 / columns;
  const cellH = 780 / rows;
  const spot = new Map(
    unplaced.map((s, i) => {
      const x = Math.round(cellW * ((i % columns) + 0.5));
      const y = Math.round(180 + cellH * (Math.floor(i / columns) + 0.5));
      const width = Math.round(cellW * 0.85);
      const height = Math.round(cellH * 0.8);
      return [s, { x, y, width, height }];
    }),
  );
  return sections.map((s) => ({ ...s, ...(spot.get(s) ?? {}) }));
}
