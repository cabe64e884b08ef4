// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventSummary } from '../../api/types';
import { testRoot } from '../../testing/render';
import { cancellationText, EventActions } from './event-actions';
import { orderQuery } from './orders-panel';

const EVENT: EventSummary = {
  id: 'club-night',
  name: 'Club Night',
  venueName: 'The Basement',
  startsAt: '2030-05-01T20:00:00.000Z',
  onSaleAt: '2030-04-01T10:00:00.000Z',
  status: 'on_sale',
  priceFromCents: 2500,
  currency: 'EUR',
};

afterEach(() => {
  vi.unstubAllGlobals();
});
const root = testRoot();

const button = (name: RegExp) =>
  [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '')) as
    | HTMLButtonElement
    | undefined;

async function type(label: RegExp, value: string) {
  const field = [...root.querySelectorAll('label')]
    .find((l) => label.test(l.textContent ?? ''))
    ?.querySelector('input') as HTMLInputElement;
  await act(async () => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('organizer order tools', () => {
  it('reads an order id or else an email from the one search box', () => {
    expect(orderQuery(' o_abcdefghijklmnopqrstu ')).toEqual({ orderId: 'o_abcdefghijklmnopqrstu' });
    expect(orderQuery('Buyer@Example.com')).toEqual({ email: 'Buyer@Example.com' });
  });

  it('sums up an event cancellation, asking for a rerun while orders were still pending', () => {
    const result = {
      eventId: 'club-night',
      cancelledAt: '2030-04-02T10:00:00.000Z',
      refunded: 3,
      refundedCents: 7500,
      alreadyCancelled: 1,
      skipped: 2,
    };
    const text = cancellationText(result, 'EUR');
    expect(text).toContain('3 orders refunded');
    expect(text).toContain('1 were cancelled before');
    expect(text).toContain('2 still being paid for: cancel again');
    expect(cancellationText({ ...result, alreadyCancelled: 0, skipped: 0 }, 'EUR')).not.toMatch(
      /before|again/,
    );
  });

  it('cancels the event only after its name is typed, with the organizer key (happy-dom)', async () => {
    const calls: { url: string; auth: string | null }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = input instanceof Request ? input : new Request(String(input), init);
        calls.push({
          url: new URL(request.url).pathname,
          auth: request.headers.get('authorization'),
        });
        return new Response(
          JSON.stringify({
            eventId: 'club-night',
            cancelledAt: '2030-04-02T10:00:00.000Z',
            refunded: 2,
            refundedCents: 5000,
            alreadyCancelled: 0,
            skipped: 0,
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      }),
    );
    act(() => render(<EventActions organizerKey="org-key" event={EVENT} />, root));
    act(() => button(/Cancel event/)?.click());
    const confirm = () => button(/Cancel the event and refund everyone/);
    expect(root.querySelector('dialog')).not.toBeNull();
    expect(confirm()?.disabled).toBe(true);
    await type(/Type Club Night to confirm/, 'Club Nigh');
    expect(confirm()?.disabled).toBe(true);
    await type(/Type Club Night to confirm/, 'Club Night');
    expect(confirm()?.disabled).toBe(false);
    expect(calls).toHaveLength(0);
    await act(async () => {
      confirm()?.click();
    });
    for (let i = 0; i < 10; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(calls).toEqual([{ url: '/api/admin/events/club-night/cancel', auth: 'Bearer org-key' }]);
    expect(root.querySelector('[data-testid="event-cancel-result"]')?.textContent).toContain(
      '2 orders refunded',
    );
    expect(root.querySelector('dialog')).toBeNull();
  });
});
