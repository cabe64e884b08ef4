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

  it('answers not-found for unknown or deeper paths', () => {
    expect(matchRoute('/events/a/b').name).toBe('not-found');
    expect(matchRoute('/nope').name).toBe('not-found');
  });
});
