import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAvailability } from '../../../../origin/domain/availability-codec';
import type { Availability, EventDetail } from '../../api/types';
import { clearCart, toggleSeat } from '../../models/cart';
import { layoutSection } from './seat-layout';
import { SeatMap } from './seat-map';
import { SeatTakenOffer } from './seat-taken-offer';

const event: EventDetail = {
  id: 'gig',
  name: 'Gig',
  venueName: 'Hall',
  startsAt: '2030-06-01T19:00:00.000Z',
  onSaleAt: '2030-05-01T09:00:00.000Z',
  status: 'on_sale',
  priceFromCents: 8500,
  currency: 'EUR',
  description: '',
  holdMinutes: 10,
  maxPerBuyer: 4,
  tiers: [
    { id: 'floor', name: 'Floor', priceCents: 8500 },
    { id: 'ga', name: 'Standing', priceCents: 3000 },
  ],
  sections: [
    {
      id: 'floor-a',
      name: 'Floor A',
      kind: 'seated',
      tierId: 'floor',
      capacity: 4,
      rows: [{ label: 'A', seats: 4 }],
      x: 300,
      y: 300,
    },
    { id: 'pit', name: 'Pit', kind: 'ga', tierId: 'ga', capacity: 100, x: 500, y: 100 },
  ],
};

const availability: Availability = {
  eventId: 'gig',
  asOf: '2030-05-02T00:00:00Z',
  sections: {
    'floor-a': { available: 3, capacity: 4, seats: encodeAvailability([true, false, true, true]) },
    pit: { available: 0, capacity: 100 },
  },
};

const render = () =>
  renderToString(
    <SeatMap
      event={event}
      availability={availability}
      maxSeats={4}
      onPickGa={() => undefined}
      onLimit={() => undefined}
    />,
  );

/** The opening tag of the element carrying `attr="value"`. */
function tagWith(html: string, attr: string, value: string): string {
  const at = html.indexOf(`${attr}="${value}"`);
  if (at < 0) throw new Error(`no ${attr}="${value}" in ${html.slice(0, 400)}…`);
  return html.slice(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
}

describe('SeatMap (rendered without a browser)', () => {
  afterEach(() => clearCart());

  it('draws each section as a labelled button with the places left and its price', () => {
    const html = render();
    expect(html).toContain('aria-label="Section Floor A, 3 left, €85"');
    expect(html).toContain('aria-label="Section Pit, standing, 0 left, €30"');
    expect(tagWith(html, 'aria-label', 'Section Pit, standing, 0 left, €30')).toContain(
      'section-box none',
    );
  });

  it('writes the tier and price in each section box and lists every tier in a legend', () => {
    const html = render();
    const floorBox = html.slice(
      html.indexOf('aria-label="Section Floor A,'),
      html.indexOf('</g>', html.indexOf('aria-label="Section Floor A,')),
    );
    expect(floorBox).toContain('class="price"');
    expect(floorBox).toContain('Floor · €85');
    expect(floorBox).toContain('tier-band tier-0');
    const pitBox = html.slice(html.indexOf('aria-label="Section Pit,'));
    expect(pitBox.slice(0, pitBox.indexOf('</g>'))).toContain('Standing · €30');
    const legend = html.slice(html.indexOf('class="tier-legend"'), html.indexOf('</ul>'));
    expect(legend).toContain('aria-label="Price tiers"');
    expect(legend.replace(/<[^>]+>/g, '')).toContain('Floor €85');
    expect(legend.replace(/<[^>]+>/g, '')).toContain('Standing €30');
    expect(legend).toContain('swatch tier-1');
  });

  it('gives every seat a tooltip title with its place, price and state', () => {
    const html = render();
    expect(html).toMatch(
      /data-seat-id="floor-a:A:1"[^>]*><title>Section Floor A, row A, seat 1, €85<\/title><\/circle>/,
    );
    expect(html).toMatch(
      /data-seat-id="floor-a:A:2"[^>]*><title>Section Floor A, row A, seat 2, €85, taken<\/title>/,
    );
  });

  it('draws the first seated section seat by seat: free, taken and picked, one tab stop', () => {
    toggleSeat({ seatId: 'floor-a:A:3', label: 'A3', priceCents: 8500 }, 4);
    const html = render();
    const free = tagWith(html, 'data-seat-id', 'floor-a:A:1');
    expect(free).toContain('aria-label="Section Floor A, row A, seat 1, €85"');
    expect(free).toContain('class="seat free"');
    const taken = tagWith(html, 'data-seat-id', 'floor-a:A:2');
    expect(taken).toContain('aria-label="Section Floor A, row A, seat 2, €85, taken"');
    expect(taken).toContain('aria-disabled="true"');
    const picked = tagWith(html, 'data-seat-id', 'floor-a:A:3');
    expect(picked).toContain('aria-pressed="true"');
    expect(picked).toContain('tabindex="0"');
    expect(html.match(/tabindex="0"/g)?.length).toBe(3); // 2 section boxes + 1 seat
  });
});

describe('SeatTakenOffer', () => {
  const seats = layoutSection(event.sections[0] as never, event.tiers, availability, 'EUR').seats;

  it('tells the buyer clearly and offers the nearest seats with their total', () => {
    const html = renderToString(
      <SeatTakenOffer
        offer={seats.slice(2, 4)}
        currency="EUR"
        busy={false}
        onTake={() => undefined}
        onDismiss={() => undefined}
      />,
    );
    expect(html).toContain('Someone got there first — here are the nearest seats');
    expect(html).toContain('Section Floor A, row A, seat 3, €85');
    expect(html).toContain('€170');
    expect(html).toContain('Hold these seats instead');
  });

  it('says so when nothing is left nearby, without an empty offer button', () => {
    const html = renderToString(
      <SeatTakenOffer
        offer={[]}
        currency="EUR"
        busy={false}
        onTake={() => undefined}
        onDismiss={() => undefined}
      />,
    );
    expect(html).toContain('No seats are left near those');
    expect(html).not.toContain('Hold these seats instead');
  });
});
