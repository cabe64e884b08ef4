import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CARDS } from '../../adapters/payments/sandbox';
import { DEV_ORGANIZER_KEY } from '../../config';
import { createTestOrigin, type TestOrigin, testEvent } from '../../testing/harness';
import { expectError, expectStatus, jsonInit } from '../../testing/http';

let t: TestOrigin;
const purged: string[][] = [];
beforeAll(async () => {
  t = await createTestOrigin({
    invalidator: {
      async invalidate(paths) {
        purged.push(paths);
      },
    },
  });
});
afterAll(() => t?.close());

const organizer = { authorization: `Bearer ${DEV_ORGANIZER_KEY}` };
const card = { number: SANDBOX_CARDS.approve, expiry: '12/39', cvc: '123' };

/** A two-place event, so one order sells it out. */
function tinyEvent(id: string) {
  return {
    ...testEvent(id, t.clock.now),
    sections: [{ id: 'pit', name: 'Pit', kind: 'ga', tierId: 'pit', capacity: 2 }],
  };
}

async function buyAll(eventId: string, ticketId: string) {
  const hold = await t.services.holds.create({
    eventId,
    ticketId,
    generalAdmission: { sectionId: 'pit', quantity: 2 },
  });
  const order = await t.services.checkout.checkout({
    holdId: hold.id,
    ticketId,
    email: 'x@example.com',
    card,
  });
  await t.payments.flush();
  return order;
}

describe('organizer changes, sale status and the dashboard', () => {
  it('purges the catalog pages at the CDN when an event is created or updated', async () => {
    const def = tinyEvent('cdn-show');
    await expectStatus(
      await t.app.request('/api/admin/events', jsonInit('POST', def, organizer)),
      201,
    );
    const put = await t.app.request(
      '/api/admin/events/cdn-show',
      jsonInit('PUT', { ...def, name: 'Renamed' }, organizer),
    );
    await expectStatus(put, 200);
    const expected = ['/api/catalog/events', '/api/catalog/events/cdn-show*'];
    expect(purged).toEqual([expected, expected]);
    // The update is seen at once in this process (the event cache was invalidated).
    const got = await expectStatus(await t.app.request('/api/catalog/events/cdn-show'), 200);
    expect(got.event.name).toBe('Renamed');
  });

  it('turns an event sold_out once every seat is sold, and refuses holds with 409 sold_out', async () => {
    await t.services.admin.createEvent(tinyEvent('tiny-show'));
    await buyAll('tiny-show', 't_all');
    t.clock.now += 5_000; // past the event cache's TTL
    const list = await expectStatus(await t.app.request('/api/catalog/events'), 200);
    expect(list.events.find((e: { id: string }) => e.id === 'tiny-show')?.status).toBe('sold_out');
    const detail = await expectStatus(await t.app.request('/api/catalog/events/tiny-show'), 200);
    expect(detail.event.status).toBe('sold_out');
    const res = await t.app.request(
      '/api/events/tiny-show/holds',
      jsonInit(
        'POST',
        { generalAdmission: { sectionId: 'pit', quantity: 1 } },
        { authorization: await t.bearer('tiny-show', 't_late') },
      ),
    );
    await expectError(res, 409, 'sold_out');
  });

  it('shows an event as ended once it has started', async () => {
    await t.services.admin.createEvent(testEvent('old-show', t.clock.now));
    t.clock.now += 86_400_000;
    const got = await expectStatus(await t.app.request('/api/catalog/events/old-show'), 200);
    expect(got.event.status).toBe('ended');
  });

  it('serves the per-minute dashboard with live stats, behind the organizer key', async () => {
    await t.services.admin.createEvent(tinyEvent('dash-show'));
    const res = await t.app.request(
      '/api/events/dash-show/holds',
      jsonInit(
        'POST',
        { generalAdmission: { sectionId: 'pit', quantity: 1 } },
        { authorization: await t.bearer('dash-show', 't_dash') },
      ),
    );
    await expectStatus(res, 201);
    await expectError(
      await t.app.request('/api/admin/events/dash-show/dashboard'),
      401,
      'unauthorized',
    );
    const body = await expectStatus(
      await t.app.request('/api/admin/events/dash-show/dashboard', { headers: organizer }),
      200,
    );
    expect(body.minutes).toHaveLength(30);
    expect(body.minutes.at(-1)).toMatchObject({ holdsCreated: 1, requests: 1, errorRate: 0 });
    expect(body.minutes.at(-1).p95Ms).toBeGreaterThan(0);
    expect(body.current).toMatchObject({ capacity: 2, held: 1, available: 1, holds: 1 });
    await expectError(
      await t.app.request('/api/admin/events/nope-show/dashboard', { headers: organizer }),
      404,
      'not_found',
    );
  });
});
