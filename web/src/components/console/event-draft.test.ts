import { describe, expect, it } from 'vitest';
import type { EventDetail } from '../../api/types';
import {
  definitionOf,
  draftFromEvent,
  emptyDraft,
  fromLocalInput,
  priceCents,
  toLocalInput,
  withTiersFor,
} from './event-draft';

const event: EventDetail = {
  id: 'gig',
  name: 'Gig',
  venueName: 'Hall',
  startsAt: '2030-06-01T19:00:00.000Z',
  onSaleAt: '2030-05-01T09:00:00.000Z',
  status: 'scheduled',
  priceFromCents: 4550,
  currency: 'EUR',
  description: 'Loud',
  holdMinutes: 7,
  maxPerBuyer: 4,
  tiers: [{ id: 'floor', name: 'Floor', priceCents: 4550 }],
  sections: [
    {
      id: 'a',
      name: 'A',
      kind: 'seated',
      tierId: 'floor',
      capacity: 3,
      rows: [{ label: 'A', seats: 3 }],
      x: 100,
      y: 200,
    },
    { id: 'pit', name: 'Pit', kind: 'ga', tierId: 'floor', capacity: 50 },
  ],
};

describe('event draft', () => {
  it('round-trips an event through the form without changing what the origin stored', () => {
    const definition = definitionOf(draftFromEvent(event));
    expect(definition).toMatchObject({
      id: 'gig',
      startsAt: event.startsAt,
      onSaleAt: event.onSaleAt,
      holdMinutes: 7,
      tiers: [{ id: 'floor', name: 'Floor', priceCents: 4550 }],
    });
    expect(definition.sections).toEqual([
      {
        id: 'a',
        name: 'A',
        kind: 'seated',
        tierId: 'floor',
        rows: [{ label: 'A', seats: 3 }],
        x: 100,
        y: 200,
      },
      { id: 'pit', name: 'Pit', kind: 'ga', tierId: 'floor', capacity: 50 },
    ]);
  });

  it('refuses a price that is not an amount, missing dates and an empty venue', () => {
    const draft = { ...emptyDraft(Date.parse('2030-01-01T00:00:00Z')), id: 'x', name: 'X' };
    expect(() => definitionOf(draft)).toThrow('Add a venue map');
    draft.sections = event.sections.slice(1) as never;
    expect(() => definitionOf({ ...draft, tiers: [{ id: 't', name: 'T', price: 'ten' }] })).toThrow(
      'Price of tier "T" is not an amount',
    );
    expect(() => definitionOf({ ...draft, startsAt: '' })).toThrow('start and the on-sale time');
  });

  it('reads prices as typed and converts local date-times both ways', () => {
    expect([priceCents('85'), priceCents('85.5'), priceCents('1,25'), priceCents('-1')]).toEqual([
      8500,
      8550,
      125,
      Number.NaN,
    ]);
    const iso = '2030-03-04T05:06:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput('')).toBe('');
  });

  it('adds tiers a venue file uses, taking names and prices from the file when it has them', () => {
    const tiers = withTiersFor(
      [{ id: 'a', name: 'A', price: '1' }],
      ['a', 'b', 'c'],
      [{ id: 'c', name: 'Cheap', priceCents: 500 }],
    );
    expect(tiers).toEqual([
      { id: 'a', name: 'A', price: '1' },
      { id: 'b', name: 'b', price: '' },
      { id: 'c', name: 'Cheap', price: '5' },
    ]);
  });
});
