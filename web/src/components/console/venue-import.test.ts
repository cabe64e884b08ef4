import { describe, expect, it } from 'vitest';
import {
  generateVenue,
  parseVenueCsv,
  parseVenueJson,
  rowLabel,
  slugify,
  tierIdsOf,
  venueCapacity,
} from './venue-import';

describe('parseVenueCsv', () => {
  it('groups rows by section in file order, takes the tier from the section and places it', () => {
    const venue = parseVenueCsv(
      'section,row,seats,tier\nFloor A,a,20,floor\nFloor A,B,22,floor\n\n"Balcony",A,10,Cheap Seats\n',
    );
    expect(venue.sections.map((s) => s.id)).toEqual(['floor-a', 'balcony']);
    expect(venue.sections[0]).toMatchObject({
      name: 'Floor A',
      kind: 'seated',
      tierId: 'floor',
      rows: [
        { label: 'A', seats: 20 },
        { label: 'B', seats: 22 },
      ],
    });
    expect(tierIdsOf(venue.sections)).toEqual(['floor', 'cheap-seats']);
    expect(venueCapacity(venue.sections)).toBe(52);
    for (const s of venue.sections) expect(s.x).toBeGreaterThan(0);
  });

  it('names the line of a bad seat count, a missing cell, a duplicate row or a tier change', () => {
    expect(() => parseVenueCsv('A,A,many,floor')).toThrow('line 1: seats must be a whole number');
    expect(() => parseVenueCsv('section,row,seats,tier\nA,A,3')).toThrow(
      'line 2: expected section,row,seats,tier',
    );
    expect(() => parseVenueCsv('A,A,3,t\nA,A,4,t')).toThrow('line 2: row A appears twice');
    expect(() => parseVenueCsv('A,A,3,t\nA,B,4,u')).toThrow('already has tier "t"');
    expect(() => parseVenueCsv('section,row,seats,tier\n')).toThrow('no rows');
  });
});

describe('parseVenueJson', () => {
  it('accepts an exported event with tiers, or a bare list of sections', () => {
    const event = parseVenueJson(
      JSON.stringify({
        tiers: [{ id: 'ga', name: 'Standing', priceCents: 3000 }],
        sections: [{ id: 'pit', name: 'Pit', kind: 'ga', tierId: 'ga', capacity: 500 }],
      }),
    );
    expect(event.tiers?.[0]?.id).toBe('ga');
    expect(venueCapacity(event.sections)).toBe(500);
    const bare = parseVenueJson(
      '[{"id":"a","tierId":"t","kind":"seated","rows":[{"label":"A","seats":4}]}]',
    );
    expect(bare.sections[0]).toMatchObject({ id: 'a', name: 'a', kind: 'seated' });
    expect(bare.tiers).toBeUndefined();
  });

  it('explains what is wrong with a file that is not a venue', () => {
    expect(() => parseVenueJson('{oops')).toThrow('Not valid JSON');
    expect(() => parseVenueJson('{"name":"x"}')).toThrow('no "sections" list');
    expect(() => parseVenueJson('[{"id":"a","tierId":"t"}]')).toThrow('"rows" is required');
  });
});

describe('generateVenue', () => {
  it('builds sections × rows × seats with tiers spread front to back, on a grid', () => {
    const venue = generateVenue({
      sections: 4,
      rows: 3,
      seatsPerRow: 5,
      tierIds: ['front', 'back'],
    });
    expect(venueCapacity(venue.sections)).toBe(60);
    expect(venue.sections.map((s) => s.tierId)).toEqual(['front', 'front', 'back', 'back']);
    expect(venue.sections[0]).toMatchObject({ id: 'section-1', name: 'Section 1' });
    const [a, b] = venue.sections;
    expect(a?.x).not.toBe(b?.x);
  });
});

describe('names', () => {
  it('makes contract-valid ids and spreadsheet row labels', () => {
    expect(slugify('  Lower Bowl — 101 ')).toBe('lower-bowl-101');
    expect(slugify('!!!')).toBe('section');
    expect([rowLabel(0), rowLabel(25), rowLabel(26)]).toEqual(['A', 'Z', 'AA']);
  });
});
