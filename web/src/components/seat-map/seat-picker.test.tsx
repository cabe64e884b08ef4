// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Availability, EventDetail, HoldRequest } from '../../api/types';
import { testRoot } from '../../testing/render';
import { HoldForm } from './hold-form';
import { isSoldOut, SeatPicker } from './seat-picker';

const event: EventDetail = {
  id: 'picker-gig',
  name: 'Gig',
  venueName: 'Hall',
  startsAt: '2030-06-01T19:00:00.000Z',
  onSaleAt: '2030-05-01T09:00:00.000Z',
  status: 'on_sale',
  priceFromCents: 3000,
  currency: 'EUR',
  description: '',
  holdMinutes: 10,
  maxPerBuyer: 6,
  tiers: [
    { id: 'floor', name: 'Floor', priceCents: 8500 },
    { id: 'lower', name: 'Lower tier', priceCents: 5500 },
  ],
  sections: [
    {
      id: 'floor-a',
      name: 'Floor A',
      kind: 'seated',
      tierId: 'floor',
      capacity: 2,
      rows: [{ label: 'A', seats: 2 }],
    },
    { id: 'pit', name: 'Pit', kind: 'ga', tierId: 'lower', capacity: 50 },
  ],
};
const availability = (floor: number, pit: number): Availability => ({
  eventId: event.id,
  asOf: '2030-05-02T00:00:00Z',
  sections: {
    'floor-a': { available: floor, capacity: 2 },
    pit: { available: pit, capacity: 50 },
  },
});

afterEach(() => {
  vi.unstubAllGlobals();
});
const root = testRoot();

describe('isSoldOut', () => {
  it('is sold out by status, or when every section has nothing left', () => {
    expect(isSoldOut({ ...event, status: 'sold_out' }, undefined)).toBe(true);
    expect(isSoldOut(event, undefined)).toBe(false);
    expect(isSoldOut(event, availability(0, 1))).toBe(false);
    expect(isSoldOut(event, availability(0, 0))).toBe(true);
  });
});

describe('SeatPicker sold-out card (happy-dom)', () => {
  /** Renders the picker with the catalog answering `answer`, and lets the request settle. */
  async function pickerWith(answer: Availability) {
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.includes(`/api/catalog/events/${event.id}/availability`)) {
        return new Response('{}', { status: 404 });
      }
      return new Response(JSON.stringify(answer), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    });
    vi.stubGlobal('fetch', fetchMock);
    await act(async () => {
      render(<SeatPicker event={event} onTokenRefused={() => undefined} />, root);
    });
    // Let the availability request answer and the signals re-render (act flushes on return).
    const loading = () => root.textContent?.includes('Loading the seat map') ?? false;
    for (let i = 0; i < 20 && loading(); i++) {
      await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    }
    expect(loading()).toBe(false);
    expect(fetchMock).toHaveBeenCalled();
  }

  it('shows the sold-out card instead of the map once availability says nothing is left', async () => {
    await pickerWith(availability(0, 0));
    const card = root.querySelector('[data-testid="sold-out"]') as HTMLElement;
    expect(card.getAttribute('role')).toBe('status');
    expect(card.textContent).toContain('Sold out');
    expect(card.textContent).toContain('come back on sale');
    expect(root.querySelector('.seat-map')).toBeNull();
    expect(root.textContent).not.toContain('Hold selected seats');
  });

  it('keeps the map while any place is left', async () => {
    await pickerWith(availability(0, 1));
    expect(root.querySelector('[data-testid="sold-out"]')).toBeNull();
    expect(root.querySelector('.seat-map')).not.toBeNull();
  });
});

describe('HoldForm (happy-dom)', () => {
  it('asks for the best available seats in the chosen price tier and quantity', () => {
    const onHold = vi.fn<(request: HoldRequest) => void>();
    act(() =>
      render(<HoldForm event={event} gaSectionId={undefined} busy={false} onHold={onHold} />, root),
    );
    const form = root.querySelector('form') as HTMLFormElement;
    expect(form.textContent).toContain('Best available');
    const quantity = form.querySelector('input[type="number"]') as HTMLInputElement;
    const tier = form.querySelector('select') as HTMLSelectElement;
    expect([...tier.options].map((o) => o.textContent)).toEqual(['Any', 'Floor', 'Lower tier']);
    act(() => {
      quantity.value = '3';
      quantity.dispatchEvent(new Event('input', { bubbles: true }));
      tier.value = 'lower';
      tier.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onHold).toHaveBeenCalledWith({ bestAvailable: { quantity: 3, tierId: 'lower' } });
  });

  it('leaves the tier out when the buyer takes any tier', () => {
    const onHold = vi.fn<(request: HoldRequest) => void>();
    act(() =>
      render(<HoldForm event={event} gaSectionId={undefined} busy={false} onHold={onHold} />, root),
    );
    act(() => {
      root
        .querySelector('form')
        ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onHold).toHaveBeenCalledWith({ bestAvailable: { quantity: 2 } });
  });
});
