// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/errors';
import type { AccountOrder } from '../../api/types';
import { testRoot } from '../../testing/render';
import { MyTickets } from './my-tickets';

const orderOf = (overrides: Partial<AccountOrder>): AccountOrder => ({
  id: 'o_confirmedconfirmedconf',
  status: 'CONFIRMED',
  eventId: 'demo-arena',
  holdId: 'h_1',
  email: 'Buyer@Example.com',
  totalCents: 17000,
  currency: 'EUR',
  tickets: [
    { id: 't_1', seatId: 'floor-a:A:1', code: 'eyJhbGciOiJFZERTQSJ9.eyJ0IjoxfQ.c2ln' },
    { id: 't_2', seatId: 'floor-a:A:2', code: 'eyJhbGciOiJFZERTQSJ9.eyJ0IjoyfQ.c2ln' },
  ],
  createdAt: '2030-05-01T18:00:00.000Z',
  ...overrides,
});

const root = testRoot();

function show(
  orders: AccountOrder[],
  onResend = vi.fn(async () => undefined),
  onSignOut = vi.fn(),
) {
  act(() =>
    render(
      <MyTickets
        email="buyer@example.com"
        orders={orders}
        eventNames={{ 'demo-arena': 'Demo Arena Live' }}
        onResend={onResend}
        onSignOut={onSignOut}
      />,
      root,
    ),
  );
  return { onResend, onSignOut };
}

const cards = () => [...root.querySelectorAll('[data-testid="account-order"]')];
const button = (name: RegExp, within: Element = root) =>
  [...within.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''));

async function settle() {
  await act(async () => {
    await Promise.resolve();
  });
}

describe('MyTickets view (happy-dom)', () => {
  it('shows the signed-in email and one QR code per ticket of a confirmed order', () => {
    show([orderOf({})]);
    expect(root.querySelector('[data-testid="account-email"]')?.textContent).toBe(
      'buyer@example.com',
    );
    const [card] = cards();
    expect(card?.querySelector('h2')?.textContent).toContain('Demo Arena Live');
    expect(card?.querySelectorAll('.qr svg')).toHaveLength(2);
    expect(card?.querySelector('[aria-label="QR code for ticket t_1"]')).not.toBeNull();
    expect(card?.textContent).toContain('floor-a · row A · seat 2');
    expect(button(/Re-send confirmation/, card)).toBeDefined();
  });

  it('shows a cancelled order as refunded, with no QR codes and no re-send', () => {
    show([
      orderOf({
        status: 'CANCELLED',
        cancelledAt: '2030-05-02T10:00:00.000Z',
        refund: { refundId: 'r_1', amountCents: 17000, reason: 'event cancelled' },
      }),
    ]);
    const [card] = cards();
    expect(card?.textContent).toContain('refunded');
    expect(card?.textContent).toContain('no longer get in');
    expect(card?.querySelectorAll('.qr svg')).toHaveLength(0);
    expect(button(/Re-send/, card)).toBeUndefined();
  });

  it('re-sends the confirmation for that order and says where it went', async () => {
    const { onResend } = show([orderOf({})]);
    act(() => button(/Re-send confirmation/)?.click());
    expect(button(/Sending/)?.disabled).toBe(true);
    await settle();
    expect(onResend).toHaveBeenCalledWith('o_confirmedconfirmedconf');
    expect(root.querySelector('[data-testid="resend-status"]')?.textContent).toContain(
      'Buyer@Example.com',
    );
  });

  it('explains a failed re-send in words from the error code and lets the buyer try again', async () => {
    const onResend = vi.fn(async () => {
      throw new ApiError('conflict', 'Order is not confirmed', 409);
    });
    show([orderOf({})], onResend);
    act(() => button(/Re-send confirmation/)?.click());
    await settle();
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Order is not confirmed');
    expect(button(/Re-send confirmation/)?.disabled).toBe(false);
  });

  it('lists newest first as given, names an unknown event by its id, and signs out', () => {
    const { onSignOut } = show([
      orderOf({
        id: 'o_newnewnewnewnewnewnewnew',
        eventId: 'other-gig',
        status: 'PENDING',
        tickets: [],
      }),
      orderOf({}),
    ]);
    expect(cards().map((c) => c.querySelector('h2')?.textContent)).toEqual([
      'other-gig Confirming payment',
      'Demo Arena Live Confirmed',
    ]);
    act(() => button(/Sign out/)?.click());
    expect(onSignOut).toHaveBeenCalledOnce();
  });

  it('says there are no orders yet for an account without any', () => {
    show([]);
    expect(cards()).toHaveLength(0);
    expect(root.textContent).toContain('No orders with this email yet');
  });
});
