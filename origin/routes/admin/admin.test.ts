import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ORGANIZER_KEY } from '../../config';
import { createTestOrigin, type TestOrigin, testEvent } from '../../testing/harness';
import { expectError, expectStatus, jsonInit } from '../../testing/http';

let t: TestOrigin;
beforeAll(async () => {
  t = await createTestOrigin();
});
afterAll(() => t?.close());

const organizer = { authorization: `Bearer ${DEV_ORGANIZER_KEY}` };

describe('admin routes', () => {
  it('answers 401 without the organizer key and 403 with a wrong one', async () => {
    await expectError(await t.app.request('/api/admin/events'), 401, 'unauthorized');
    await expectError(
      await t.app.request('/api/admin/events', {
        headers: { authorization: 'Bearer wrong-key-123' },
      }),
      403,
      'forbidden',
    );
    const create = await t.app.request(
      '/api/admin/events',
      jsonInit('POST', testEvent('nope-show'), { authorization: 'Bearer x' }),
    );
    await expectError(create, 403, 'forbidden');
    expect(await t.db.store.events.get('nope-show')).toBeUndefined();
  });

  it('creates an event, seeds its seats, and refuses the same id twice', async () => {
    const res = await t.app.request(
      '/api/admin/events',
      jsonInit('POST', testEvent('adm-show', t.clock.now), organizer),
    );
    const body = await expectStatus(res, 201);
    expect(body.event).toMatchObject({ id: 'adm-show', status: 'on_sale' });
    const stats = await expectStatus(
      await t.app.request('/api/admin/events/adm-show/stats', { headers: organizer }),
      200,
    );
    expect(stats).toEqual({
      capacity: 40,
      available: 40,
      held: 0,
      sold: 0,
      holds: 0,
      orders: 0,
      revenueCents: 0,
    });
    const again = await t.app.request(
      '/api/admin/events',
      jsonInit('POST', testEvent('adm-show', t.clock.now), organizer),
    );
    await expectError(again, 409, 'conflict');
  });

  it('rejects an invalid definition with validation details and writes nothing', async () => {
    const bad = { ...testEvent('bad-show'), tiers: [{ id: 'x', name: 'X', priceCents: 1 }] };
    const body = await expectError(
      await t.app.request('/api/admin/events', jsonInit('POST', bad, organizer)),
      400,
      'validation_failed',
    );
    expect(JSON.stringify(body.error.details)).toContain('unknown tier');
    expect(await t.db.store.events.get('bad-show')).toBeUndefined();
  });

  it('updates details and adds a section, but refuses to change an existing one', async () => {
    const def = testEvent('adm-show', t.clock.now);
    const added = {
      ...def,
      name: 'Renamed',
      sections: [
        ...def.sections,
        { id: 'extra', name: 'Extra', kind: 'ga', tierId: 'pit', capacity: 5 },
      ],
    };
    const res = await t.app.request(
      '/api/admin/events/adm-show',
      jsonInit('PUT', added, organizer),
    );
    expect((await expectStatus(res, 200)).event.name).toBe('Renamed');
    const stats = await t.services.admin.stats('adm-show');
    expect(stats.capacity).toBe(45);
    const shrunk = {
      ...added,
      sections: [{ ...def.sections[1], capacity: 3 }, added.sections[0], added.sections[2]],
    };
    await expectError(
      await t.app.request('/api/admin/events/adm-show', jsonInit('PUT', shrunk, organizer)),
      409,
      'conflict',
    );
  });

  it('reads and changes admission through the room store', async () => {
    const put = await t.app.request(
      '/api/admin/events/adm-show/admission',
      jsonInit('PUT', { ratePerMinute: 120, paused: true }, organizer),
    );
    expect((await expectStatus(put, 200)).admission).toEqual({ ratePerMinute: 120, paused: true });
    const bad = await t.app.request(
      '/api/admin/events/adm-show/admission',
      jsonInit('PUT', { ratePerMinute: 'fast' }, organizer),
    );
    await expectError(bad, 400, 'validation_failed');
  });
});

describe('system routes', () => {
  it('reports liveness, readiness and Prometheus metrics', async () => {
    expect(await expectStatus(await t.app.request('/healthz'), 200)).toEqual({ ok: true });
    expect(await expectStatus(await t.app.request('/readyz'), 200)).toMatchObject({
      locks: 'ok',
      dynamo: 'ok',
    });
    const metrics = await t.app.request('/metrics');
    const text = await metrics.text();
    expect(text).toContain('floodgate_http_request_duration_seconds_bucket');
    expect(text).toContain('route="/healthz"');
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await expectStatus(await t.app.request('/api/docs/openapi.json'), 200);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/events/{eventId}/holds',
        '/api/events/{eventId}/holds/{holdId}',
        '/api/events/{eventId}/checkout',
        '/api/catalog/events/{eventId}/availability',
        '/api/admin/events/{eventId}/stats',
      ]),
    );
    const ui = await t.app.request('/api/docs');
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
});
