// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Hold } from '../api/types';
import { rememberHold } from '../models/current-hold';
import { testRoot } from '../testing/render';
import HoldPage from './hold-page';

const EVENT = 'hold-page-gig';
const holdOf = (overrides: Partial<Hold>): Hold => ({
  id: 'hold-1',
  eventId: EVENT,
  status: 'ACTIVE',
  seats: [
    {
      seatId: 'floor-a:C:7',
      sectionId: 'floor-a',
      row: 'C',
      number: 7,
      tierId: 'floor',
      priceCents: 8500,
    },
  ],
  totalCents: 8500,
  currency: 'EUR',
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  ...overrides,
});

beforeEach(() => {
  vi.useFakeTimers();
  sessionStorage.clear();
  rememberHold('hold-1', EVENT);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});
const root = testRoot();

/** Shows `/holds/hold-1` with the API answering `hold`, once the request has settled. */
async function showHold(hold: Hold) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.includes(`/api/events/${EVENT}/holds/hold-1`)) {
        return new Response('{}', { status: 404 });
      }
      return new Response(JSON.stringify({ hold }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  act(() => render(<HoldPage holdId="hold-1" />, root));
  for (let i = 0; i < 20 && root.textContent?.includes('Loading your hold'); i++) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
  }
  expect(root.textContent).toContain('Held for you');
}

const alert = () => root.querySelector('[role="alert"]')?.textContent ?? '';
const buttons = () => [...root.querySelectorAll('button')].map((b) => b.textContent ?? '');

describe('HoldPage hold-expired view (happy-dom)', () => {
  it('says the hold ran out and offers to choose again, without checkout or release', async () => {
    await showHold(holdOf({ expiresAt: new Date(Date.now() - 1000).toISOString() }));
    expect(alert()).toContain('Your hold ran out of time and the seats went back on sale.');
    expect(root.querySelector('[role="alert"] a')?.getAttribute('href')).toBe(`/events/${EVENT}`);
    expect(root.querySelector('[role="timer"]')).toBeNull();
    expect(buttons().some((b) => /Release|Pay/.test(b))).toBe(false);
    expect(root.textContent).toContain('floor-a · row C · seat 7');
  });

  it('turns the countdown into the expired view the moment time runs out', async () => {
    await showHold(holdOf({ expiresAt: new Date(Date.now() + 2000).toISOString() }));
    expect(root.querySelector('[role="timer"]')?.textContent).toContain('0:02');
    expect(buttons()).toContain('Release these seats');
    expect(root.querySelector('form')).not.toBeNull();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2500);
    });
    expect(root.querySelector('[role="timer"]')).toBeNull();
    expect(alert()).toContain('Your hold ran out of time');
    expect(root.querySelector('form')).toBeNull();
  });

  it('shows the expired view when the server already expired the hold', async () => {
    await showHold(holdOf({ status: 'EXPIRED' }));
    expect(alert()).toContain('Your hold ran out of time');
    expect(buttons()).not.toContain('Release these seats');
  });
});
