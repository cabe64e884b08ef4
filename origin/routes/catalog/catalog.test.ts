import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAvailability } from '../../domain/availability-codec';
import { createTestOrigin, type TestOrigin, testEvent } from '../../testing/harness';
import { expectError, expectStatus } from '../../testing/http';

let t: TestOrigin;
beforeAll(async () => {
  t = await createTestOrigin();
  await t.services.admin.createEvent(testEvent('cat-show', t.clock.now));
});
afterAll(() => t?.close());

describe('catalog routes', () => {
  it('lists events with CDN cache headers and an ETag', async () => {
    const res = await t.app.request('/api/catalog/events');
    const body = await expectStatus(res, 200);
    expect(body.events).toEqual([
      expect.objectContaining({
        id: 'cat-show',
        status: 'on_sale',
        priceFromCents: 2000,
        currency: 'USD',
      }),
    ]);
    expect(res.headers.get('cache-control')).toBe(
      'public, max-age=0, s-maxage=30, stale-while-revalidate=60',
    );
    expect(res.headers.get('etag')).toMatch(/^".+"$/);
  });

  it('answers 304 with no body when If-None-Match matches the ETag', async () => {
    const first = await t.app.request('/api/catalog/events/cat-show');
    await expectStatus(first, 200);
    const etag = first.headers.get('etag') as string;
    const again = await t.app.request('/api/catalog/events/cat-show', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status, await again.clone().text()).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('returns the event detail with sections and capacities', async () => {
    const body = await expectStatus(await t.app.request('/api/catalog/events/cat-show'), 200);
    expect(body.event).toMatchObject({ holdMinutes: 1, maxPerBuyer: 4 });
    expect(
      body.event.sections.map((s: { id: string; capacity: number }) => [s.id, s.capacity]),
    ).toEqual([
      ['main', 20],
      ['pit', 20],
    ]);
  });

  it('reports availability as counts and a bitmap that reflects a hold', async () => {
    await t.services.holds.create({ eventId: 'cat-show', ticketId: 't_cat', seats: ['main:A:2'] });
    const res = await t.app.request('/api/catalog/events/cat-show/availability');
    const body = await expectStatus(res, 200);
    expect(res.headers.get('cache-control')).toBe(
      'public, max-age=0, s-maxage=1, stale-while-revalidate=5',
    );
    expect(body.sections.main).toMatchObject({ available: 19, capacity: 20 });
    expect(body.sections.pit).toEqual({ available: 20, capacity: 20 });
    const bits = decodeAvailability(body.sections.main.seats, 20);
    expect(bits.slice(0, 3)).toEqual([true, false, true]);
  });

  it('answers an unknown event with 404 in the one error shape', async () => {
    const res = await t.app.request('/api/catalog/events/nope-nope', {
      headers: { 'x-request-id': 'req-123' },
    });
    const body = await expectError(res, 404, 'not_found');
    expect(body.error.requestId).toBe('req-123');
    expect(res.headers.get('x-request-id')).toBe('req-123');
  });

  it('rejects a malformed event id with 400 validation_failed', async () => {
    await expectError(await t.app.request('/api/catalog/events/BAD_ID'), 400, 'validation_failed');
  });

  it('answers an unknown route with 404 in the one error shape', async () => {
    await expectError(await t.app.request('/api/nothing-here'), 404, 'not_found');
  });
});
