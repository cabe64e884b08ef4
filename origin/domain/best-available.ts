import { seatId } from './seat-ids';
import type { SeatedSection, VenueSection } from './venue';

/** Tells whether seat `n` of `row` is free right now (from the availability view). */
export type SeatAvailability = (row: string, n: number) => boolean;

interface Candidate {
  seats: string[];
  /** Single empty seats the block would strand next to itself (0–2). */
  orphans: number;
  rowIndex: number;
  centreDistance: number;
  first: number;
}

/** Orders candidates: fewer orphans, then front rows, then nearest the row centre, then left. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.orphans !== b.orphans) return a.orphans < b.orphans;
  if (a.rowIndex !== b.rowIndex) return a.rowIndex < b.rowIndex;
  if (a.centreDistance !== b.centreDistance) return a.centreDistance < b.centreDistance;
  return a.first < b.first;
}

function bestInSection(
  section: SeatedSection,
  isAvailable: SeatAvailability,
  quantity: number,
): Candidate | null {
  if (!Number.isInteger(quantity) || quantity < 1) return null;
  let best: Candidate | null = null;
  section.rows.forEach((row, rowIndex) => {
    if (row.seats < quantity) return;
    // free[n] for n in 1..seats; index 0 and seats+1 are the row's ends (never free).
    const free = Array.from({ length: row.seats + 2 }, (_, n) =>
      n >= 1 && n <= row.seats ? isAvailable(row.label, n) : false,
    );
    const centre = (row.seats + 1) / 2;
    let run = 0;
    for (let last = 1; last <= row.seats; last += 1) {
      run = free[last] ? run + 1 : 0;
      if (run < quantity) continue;
      const first = last - quantity + 1;
      const orphanLeft = free[first - 1] && !free[first - 2] ? 1 : 0;
      const orphanRight = free[last + 1] && !free[last + 2] ? 1 : 0;
      const candidate: Candidate = {
        seats: [],
        orphans: orphanLeft + orphanRight,
        rowIndex,
        centreDistance: Math.abs(first + (quantity - 1) / 2 - centre),
        first,
      };
      if (!best || better(candidate, best)) {
        candidate.seats = Array.from({ length: quantity }, (_, i) =>
          seatId(section.id, row.label, first + i),
        );
        best = candidate;
      }
    }
  });
  return best;
}

/**
 * Picks `quantity` adjacent seats in one row of a seated section: front rows first, then the
 * block closest to the row centre. A block that would leave a single empty seat beside it
 * (an "orphan" nobody can buy as a pair) is chosen only when every other block would too.
 * Returns seat ids left to right, or null when no row has that many adjacent free seats.
 *
 * @example pickBestAvailable(section, (row, n) => view.isFree(section.id, row, n), 2) // ['floor-a:A:15', 'floor-a:A:16']
 */
export function pickBestAvailable(
  section: SeatedSection,
  isAvailable: SeatAvailability,
  quantity: number,
): string[] | null {
  return bestInSection(section, isAvailable, quantity)?.seats ?? null;
}

/**
 * Picks the best block across sections ranked best-first (e.g. the sections of one tier,
 * nearest the stage first): the first section with an orphan-free block wins; when every
 * section would strand a seat, the first section with any block wins.
 *
 * @example pickAcrossSections(sectionsForTier(event.sections, 'floor'), view.isFree, 4)
 */
export function pickAcrossSections(
  sections: readonly SeatedSection[],
  isAvailable: (sectionId: string, row: string, n: number) => boolean,
  quantity: number,
): string[] | null {
  let fallback: string[] | null = null;
  for (const section of sections) {
    const pick = bestInSection(section, (row, n) => isAvailable(section.id, row, n), quantity);
    if (!pick) continue;
    if (pick.orphans === 0) return pick.seats;
    fallback ??= pick.seats;
  }
  return fallback;
}

/** Seated sections of one tier (or all tiers), in definition order: the rank best-available follows. */
export function sectionsForTier(
  sections: readonly VenueSection[],
  tierId?: string,
): SeatedSection[] {
  return sections.filter(
    (s): s is SeatedSection => s.kind === 'seated' && (tierId === undefined || s.tierId === tierId),
  );
}
