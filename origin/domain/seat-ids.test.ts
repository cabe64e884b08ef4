import { describe, expect, it } from 'vitest';
import { gaUnitId, isEventId, isGaUnitId, parseSeatId, seatId } from './seat-ids';

describe('seat ids', () => {
  it('builds and parses the canonical seat id', () => {
    expect(seatId('floor-a', 'C', 12)).toBe('floor-a:C:12');
    expect(parseSeatId('floor-a:C:12')).toEqual({ sectionId: 'floor-a', row: 'C', number: 12 });
  });

  it('names general-admission units with the GA row', () => {
    expect(gaUnitId('standing', 3)).toBe('standing:GA:3');
    expect(isGaUnitId('standing:GA:3')).toBe(true);
    expect(isGaUnitId('floor-a:C:12')).toBe(false);
  });

  it.each([
    '',
    'floor-a:C',
    'floor-a:C:12:1',
    'Floor-a:C:12',
    'floor-a:c:12',
    'floor-a:C:0',
    'floor-a:C:012',
    'floor-a:C:-1',
    'floor-a:C:1.5',
    'floor-a:ABCDE:1',
    '-floor:C:1',
  ])('returns null for the malformed seat id %j', (id) => {
    expect(parseSeatId(id)).toBeNull();
  });

  it('refuses to build an id from parts that break the contract', () => {
    expect(() => seatId('floor a', 'C', 1)).toThrow(RangeError);
    expect(() => seatId('floor-a', 'C', 0)).toThrow(RangeError);
  });

  it('validates event ids like the contract', () => {
    expect(isEventId('demo-arena')).toBe(true);
    expect(isEventId('d')).toBe(false);
    expect(isEventId('Demo')).toBe(false);
  });
});
