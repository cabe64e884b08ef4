// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Hold } from '../../api/types';
import { accessFor, saveAccess } from '../../models/access';
import { forgetAccount } from '../../models/account';
import { testRoot } from '../../testing/render';
import { CheckoutPanel } from './checkout-panel';

const EVENT = 'checkout-panel-gig';
const HOLD: Hold = {
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
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** Answers `GET /api/account/me` when `answerMe` is called, and checkout at once. */
function stubApi() {
  let answerMe: (response: Response) => void = () => undefined;
  const me = new Promise<Response>((resolve) => {
    answerMe = resolve;
  });
  const paid: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      const url = new URL(request.url);
      if (url.pathname === '/api/account/me') return me;
      if (url.pathname === `/api/events/${EVENT}/checkout`) {
        paid.push(await request.json());
        return json(201, { order: { id: 'order-1', secret: 's3cret' } });
      }
      return json(404, { error: { code: 'not_found', message: 'no', requestId: 'r' } });
    }),
  );
  return { answerMe, paid };
}

const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });

const emailInput = (root: HTMLElement) =>
  root.querySelector('input[type="email"]') as HTMLInputElement;

beforeEach(() => {
  sessionStorage.clear();
  forgetAccount();
});
afterEach(() => {
  vi.unstubAllGlobals();
});
const root = testRoot();

describe('CheckoutPanel (happy-dom)', () => {
  it('forgets the event access token after a successful payment', async () => {
    const api = stubApi();
    api.answerMe(json(401, { error: { code: 'unauthorized', message: 'no', requestId: 'r' } }));
    saveAccess(EVENT, 'token-1', Date.now() + 600_000);
    expect(sessionStorage.getItem(`fg_access:${EVENT}`)).not.toBeNull();
    act(() => render(<CheckoutPanel hold={HOLD} />, root));
    await settle();
    const email = emailInput(root);
    email.value = 'guest@example.com';
    act(() => {
      email.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => {
      root.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    });
    await vi.waitFor(() => expect(location.pathname).toBe('/orders/order-1'));
    expect(api.paid).toMatchObject([{ holdId: 'hold-1', email: 'guest@example.com' }]);
    expect(sessionStorage.getItem(`fg_access:${EVENT}`)).toBeNull();
    expect(accessFor(EVENT)).toBeUndefined();
  });

  it('keeps an email the buyer typed when the signed-in account answers later', async () => {
    const api = stubApi();
    act(() => render(<CheckoutPanel hold={HOLD} />, root));
    const email = emailInput(root);
    email.value = 'typed@example.com';
    act(() => {
      email.dispatchEvent(new Event('input', { bubbles: true }));
    });
    api.answerMe(json(200, { account: { id: 'acct-1', email: 'account@example.com' } }));
    await settle();
    expect(root.querySelector('[data-testid="signed-in-hint"]')?.textContent).toContain(
      'account@example.com',
    );
    expect(emailInput(root).value).toBe('typed@example.com');
  });
});
