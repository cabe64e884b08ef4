import { describe, expect, it } from 'vitest';
import { type EventDefinitionInput, parseEventDefinition } from './event-definition';
import { seatIdsInOrder, sectionCapacity, totalCapacity } from './venue';
import { demoEventDefinition, generateSections, rowLabel } from './venue-generator';

const NOW = new Date('2030-01-01T12:00:00.000Z');

function valid(): EventDefinitionInput {
  return {
    id: 'small-hall',
    name: 'Small Hall Night',
    venueName: 'Small Hall',
    startsAt: '2030-02-01T20:00:00Z',
    onSaleAt: '2030-01-01T10:00:00Z',
    tiers: [{ id: 'std', name: 'Standard', priceCents: 2_000 }],
    sections: [
      { id: 'main', name: 'Main', kind: 'seated', tierId: 'std', rows: [{ label: 'A', seats: 3 }] },
    ],
  };
}

function problems(input: unknown): string[] {
  try {
    parseEventDefinition(input);
    return [];
  } catch (error) {
    expect(error).toMatchObject({ code: 'validation_failed' });
    return ((error as { details: { message: string }[] }).details ?? []).map((d) => d.message);
  }
}

describe('event definition', () => {
  it('applies defaults: USD, 10 hold minutes, 8 per buyer, empty description', () => {
    expect(parseEventDefinition(valid())).toMatchObject({
      currency: 'USD',
      holdMinutes: 10,
      maxPerBuyer: 8,
      description: '',
    });
  });

  it('rejects duplicate tier, section and row ids and unknown tiers', () => {
    const input = valid();
    input.tiers.push({ id: 'std', name: 'Again', priceCents: 1 });
    input.sections.push(
      { id: 'main', name: 'Copy', kind: 'ga', tierId: 'vip', capacity: 10 },
      {
        id: 'side',
        name: 'Side',
        kind: 'seated',
        tierId: 'std',
        rows: [
          { label: 'A', seats: 1 },
          { label: 'A', seats: 2 },
        ],
      },
    );
    expect(problems(input)).toEqual(
      expect.arrayContaining([
        'duplicate tier id "std"',
        'duplicate section id "main"',
        'unknown tier "vip"',
        'duplicate row "A" in section "side"',
      ]),
    );
  });

  it('rejects more than 50,000 seats in total', () => {
    const input = valid();
    input.sections = [
      { id: 'ga-1', name: 'GA 1', kind: 'ga', tierId: 'std', capacity: 30_000 },
      { id: 'ga-2', name: 'GA 2', kind: 'ga', tierId: 'std', capacity: 20_001 },
    ];
    expect(problems(input)).toEqual(['50001 seats in total; at most 50000 allowed']);
  });

  it.each([
    ['a row of 0 seats', { rows: [{ label: 'A', seats: 0 }] }],
    ['a row of 201 seats', { rows: [{ label: 'A', seats: 201 }] }],
    ['a lower-case row label', { rows: [{ label: 'a', seats: 1 }] }],
  ])('rejects %s', (_, patch) => {
    const input = valid();
    input.sections[0] = { ...input.sections[0], ...patch } as (typeof input.sections)[0];
    expect(problems(input)).toHaveLength(1);
  });

  it('rejects hold minutes outside 1–60, max per buyer outside 1–20 and a sale after the start', () => {
    expect(problems({ ...valid(), holdMinutes: 61 })).toHaveLength(1);
    expect(problems({ ...valid(), maxPerBuyer: 0 })).toHaveLength(1);
    expect(problems({ ...valid(), onSaleAt: '2030-03-01T00:00:00Z' })).toEqual([
      'the sale must open before the event starts',
    ]);
  });
});

describe('venue generator', () => {
  it('labels rows A…Z, then AA, AB', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(rowLabel)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
    ]);
  });

  it('generates rows with fixed or per-row seat counts', () => {
    const [fixed, widening] = generateSections({
      sections: [
        { id: 'a', name: 'A', tierId: 't', rows: 2, seatsPerRow: 3 },
        { id: 'b', name: 'B', tierId: 't', rows: 2, seatsPerRow: [4, 5] },
      ],
    });
    expect(fixed.rows).toEqual([
      { label: 'A', seats: 3 },
      { label: 'B', seats: 3 },
    ]);
    expect(sectionCapacity(widening)).toBe(9);
    expect(seatIdsInOrder(fixed)).toEqual(['a:A:1', 'a:A:2', 'a:A:3', 'a:B:1', 'a:B:2', 'a:B:3']);
  });

  it('builds a valid demo arena on sale now with 5,000+ seats, 4 tiers and a GA pit of 1,000', () => {
    const demo = demoEventDefinition(NOW);
    expect(demo).toMatchObject({ id: 'demo-arena', name: 'Floodgate Live — Demo Arena' });
    expect(demo.onSaleAt).toBe(NOW.toISOString());
    expect(Date.parse(demo.startsAt) - NOW.getTime()).toBe(30 * 86_400_000);
    const seated = demo.sections.filter((s) => s.kind === 'seated');
    expect(totalCapacity(seated)).toBeGreaterThanOrEqual(5_000);
    expect(demo.tiers).toHaveLength(4);
    const ga = demo.sections.filter((s) => s.kind === 'ga');
    expect(ga.map(sectionCapacity)).toEqual([1_000]);
    expect(new Set(seated.map((s) => s.tierId)).size).toBe(3);
    expect(demo.sections.every((s) => s.x !== undefined && s.y !== undefined)).toBe(true);
  });
});
