import { describe, expect, it } from 'vitest';
import { pickAcrossSections, pickBestAvailable, sectionsForTier } from './best-available';
import type { SeatedSection, VenueSection } from './venue';

const section = (id: string, rows: [string, number][]): SeatedSection => ({
  id,
  name: id,
  kind: 'seated',
  tierId: 't',
  rows: rows.map(([label, seats]) => ({ label, seats })),
});

/** Availability from pictures: one string per row, `.` free, `x` taken. */
const drawn = (rows: Record<string, string>) => (row: string, n: number) =>
  rows[row]?.[n - 1] === '.';

describe('pickBestAvailable', () => {
  const hall = section('hall', [
    ['A', 10],
    ['B', 10],
  ]);

  it('picks the centre of the front row in an empty section', () => {
    expect(pickBestAvailable(hall, () => true, 2)).toEqual(['hall:A:5', 'hall:A:6']);
    expect(pickBestAvailable(hall, () => true, 3)).toEqual(['hall:A:4', 'hall:A:5', 'hall:A:6']);
  });

  it('moves back a row when the front row has no block that large', () => {
    const free = drawn({ A: '..x..x..x.', B: '..........' });
    expect(pickBestAvailable(hall, free, 3)).toEqual(['hall:B:4', 'hall:B:5', 'hall:B:6']);
  });

  it('prefers the block nearest the centre within a row', () => {
    const free = drawn({ A: '...xxxx...', B: 'xxxxxxxxxx' });
    expect(pickBestAvailable(hall, free, 2)).toEqual(['hall:A:2', 'hall:A:3']);
  });

  it('avoids leaving a single empty seat when another choice exists', () => {
    // Centre block 5–6 of "xx...xxxxx" would leave seat 3 alone; 3–4 leaves 5 alone; the
    // only clean pair in row A is none, so row B's clean pair wins over an orphan in row A.
    const free = drawn({ A: 'xx...xxxxx', B: 'xxxxxxx..x' });
    expect(pickBestAvailable(hall, free, 2)).toEqual(['hall:B:8', 'hall:B:9']);
  });

  it('prefers a clean block in the same row over a more central one that strands a seat', () => {
    const free = drawn({ A: 'x..x...xxx', B: 'xxxxxxxxxx' });
    // 5–6 is central but strands 7; 6–7 strands 5; 2–3 fills a gap exactly.
    expect(pickBestAvailable(hall, free, 2)).toEqual(['hall:A:2', 'hall:A:3']);
  });

  it('accepts a block that strands a seat when every choice would', () => {
    const free = drawn({ A: 'xx...xxxxx', B: 'xxxxxxxxxx' });
    expect(pickBestAvailable(hall, free, 2)).toHaveLength(2);
  });

  it('returns null when no row has enough adjacent free seats, or the quantity is invalid', () => {
    const free = drawn({ A: '.x.x.x.x.x', B: 'x.x.x.x.x.' });
    expect(pickBestAvailable(hall, free, 2)).toBeNull();
    expect(pickBestAvailable(hall, () => true, 11)).toBeNull();
    expect(pickBestAvailable(hall, () => true, 0)).toBeNull();
  });
});

describe('pickAcrossSections', () => {
  const near = section('near', [['A', 4]]);
  const far = section('far', [['A', 4]]);

  it('takes the first ranked section that has a clean block', () => {
    const free = (id: string, row: string, n: number) =>
      id === 'far' || drawn({ A: 'x...' })(row, n);
    // near: 2–3 strands 4 and 3–4 strands 2; far is clean.
    expect(pickAcrossSections([near, far], free, 2)).toEqual(['far:A:1', 'far:A:2']);
    // In an empty row of 4, the central pair 2–3 would strand seats 1 and 4.
    expect(pickAcrossSections([near, far], () => true, 2)).toEqual(['near:A:1', 'near:A:2']);
  });

  it('falls back to the first section with any block when all would strand a seat', () => {
    const free = (_id: string, row: string, n: number) => drawn({ A: 'x...' })(row, n);
    expect(pickAcrossSections([near, far], free, 2)?.[0]).toMatch(/^near:/);
    expect(pickAcrossSections([near, far], () => false, 2)).toBeNull();
  });

  it('lists the seated sections of one tier in definition order', () => {
    const sections: VenueSection[] = [
      { ...far, tierId: 'a' },
      { id: 'pit', name: 'Pit', kind: 'ga', tierId: 'a', capacity: 5 },
      { ...near, tierId: 'b' },
    ];
    expect(sectionsForTier(sections, 'a').map((s) => s.id)).toEqual(['far']);
    expect(sectionsForTier(sections).map((s) => s.id)).toEqual(['far', 'near']);
  });
});
