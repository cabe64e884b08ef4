import { describe, expect, it } from 'vitest';
import { matchRoute } from './router';

describe('matchRoute', () => {
  it('maps the storefront paths to their pages with decoded params', () => {
    expect(matchRoute('/').name).toBe('events');
    expect(matchRoute('/events/demo-arena')).toMatchObject({
      name: 'event',
      params: { eventId: 'demo-arena' },
    });
    expect(matchRoute('/holds/h_abc%2D1').params).toEqual({ holdId: 'h_abc-1' });
    expect(matchRoute('/console/').name).toBe('console');
  });

  it('keeps the order secret from the query string', () => {
    const route = matchRoute('/orders/o_123', '?secret=s3cr3t');
    expect(route.name).toBe('order');
    expect(route.params.orderId).toBe('o_123');
    expect(route.query.get('secret')).toBe('s3cr3t');
  });

  it('maps the account, mailbox and check-in pages, sign-in before "my tickets"', () => {
    expect(matchRoute('/account').name).toBe('account');
    expect(matchRoute('/account/').name).toBe('account');
    expect(matchRoute('/account/sign-in').name).toBe('sign-in');
    expect(matchRoute('/mailbox', '?to=a%40b.test').query.get('to')).toBe('a@b.test');
    expect(matchRoute('/checkin').name).toBe('checkin');
    expect(matchRoute('/account/other').name).toBe('not-found');
  });

  it('answers not-found for unknown or deeper paths', () => {
    expect(matchRoute('/events/a/b').name).toBe('not-found');
    expect(matchRoute('/nope').name).toBe('not-found');
  });
});
