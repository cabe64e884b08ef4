import { describe, expect, it } from 'vitest';
import { encodeAvailability } from '../../../../origin/domain/availability-codec';
import type { Section, Tier } from '../../api/types';
import {
  alternativesFor,
  layoutOverview,
  layoutSection,
  nearestAvailable,
  neighbourSeat,
} from './seat-layout';

const tiers: Tier[] = [{ id: 'floor', name: 'Floor', priceCents: 8500 }];
const floorA: Section = {
  id: 'floor-a',
  name: 'Floor A',
  kind: 'seated',
  tierId: 'floor',
  capacity: 7,
  rows: [
    { label: 'A', seats: 3 },
    { label: 'B', seats: 4 },
  ],
  x: 300,
  y: 300,
  width: 100,
  height: 80,
};
const pit: Section = { id: 'pit', name: 'Pit', kind: 'ga', tierId: 'floor', capacity: 50 };

describe('layoutSection', () => {
  it('labels seats for screen readers and colours them from the availability bitmap', () => {
    const seats = encodeAvailability([true, false, true, true, true, true, false]);
    const layout = layoutSection(
      floorA,
      tiers,
      { eventId: 'e', asOf: '', sections: { 'floor-a': { available: 5, capacity: 7, seats } } },
      'EUR',
    );
    expect(layout.seats).toHaveLength(7);
    expect(layout.seats[1]).toMatchObject({ seatId: 'floor-a:A:2', available: false });
    expect(layout.seats[6]).toMatchObject({ seatId: 'floor-a:B:4', available: false });
    expect(layout.seats[2]?.label).toBe('Section Floor A, row A, seat 3, €85');
  });

  it('treats every seat as free when no bitmap came (or it is unreadable)', () => {
    const layout = layoutSection(floorA, tiers, {
      eventId: 'e',
      asOf: '',
      sections: { 'floor-a': { available: 7, capacity: 7, seats: '!!' } },
    });
    expect(layout.seats.every((s) => s.available)).toBe(true);
  });
});

describe('layoutOverview', () => {
  it('centres hinted sections on their hint and puts unhinted ones underneath', () => {
    const overview = layoutOverview([floorA, pit]);
    const [a, p] = overview.boxes;
    expect(a).toMatchObject({ x: 250, y: 260, width: 100, height: 80, available: 7 });
    expect(p?.y).toBeGreaterThan((a?.y ?? 0) + (a?.height ?? 0));
    const [minX, minY, w, h] = overview.viewBox.split(' ').map(Number);
    expect(minX).toBeLessThanOrEqual(a?.x ?? 0);
    expect((minY ?? 0) + (h ?? 0)).toBeGreaterThan((p?.y ?? 0) + (p?.height ?? 0));
    expect(w).toBeGreaterThan(0);
  });
});

describe('seat navigation and alternatives', () => {
  const { seats } = layoutSection(floorA, tiers, undefined);
  const seat = (id: string) => {
    const found = seats.find((s) => s.seatId === id);
    if (!found) throw new Error(`no seat ${id}`);
    return found;
  };

  it('moves along a row with left/right and to the nearest seat of the next row with up/down', () => {
    expect(neighbourSeat(seats, seat('floor-a:A:2'), 'ArrowRight')).toBe('floor-a:A:3');
    expect(neighbourSeat(seats, seat('floor-a:A:3'), 'ArrowRight')).toBeUndefined();
    expect(neighbourSeat(seats, seat('floor-a:A:1'), 'ArrowDown')).toMatch(/^floor-a:B:[12]$/);
    expect(neighbourSeat(seats, seat('floor-a:A:1'), 'ArrowUp')).toBeUndefined();
  });

  it('offers the closest free seats to the ones that were taken', () => {
    const taken = seats.map((s) => (s.row === 'A' ? { ...s, available: false } : s));
    const offer = nearestAvailable(taken, ['floor-a:A:2', 'floor-a:A:3'], 2);
    expect(offer.map((s) => s.seatId).sort()).toEqual(['floor-a:B:2', 'floor-a:B:3']);
  });
});

describe('alternativesFor', () => {
  const { seats } = layoutSection(floorA, tiers, undefined);
  const other = layoutSection(
    { ...floorA, id: 'floor-b', name: 'Floor B' },
    tiers,
    undefined,
  ).seats;

  it('keeps the seats still free and replaces each lost one with the nearest in its section', () => {
    const taken = new Set(['floor-a:A:2']);
    const now = [...seats, ...other].map((s) => ({ ...s, available: !taken.has(s.seatId) }));
    const offer = alternativesFor(now, ['floor-a:A:2', 'floor-a:A:3'], ['floor-a:A:2']);
    expect(offer.map((s) => s.seatId)).toHaveLength(2);
    expect(offer[0]?.seatId).toBe('floor-a:A:3');
    expect(offer[1]?.sectionId).toBe('floor-a');
    expect(['floor-a:A:1', 'floor-a:B:2', 'floor-a:B:3']).toContain(offer[1]?.seatId);
  });

  it('offers nothing from another section when the wanted section is full', () => {
    const now = [...seats.map((s) => ({ ...s, available: false })), ...other];
    expect(alternativesFor(now, ['floor-a:A:1'], [])).toEqual([]);
  });
});
