import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../edge/token';
import { DEV_TOKEN_KEYS } from '../../config';
import { createTestOrigin, type TestOrigin, testEvent } from '../../testing/harness';
import { expectError, expectStatus, jsonInit } from '../../testing/http';

const EVENT = 'hold-show';
let t: TestOrigin;
beforeAll(async () => {
  t = await createTestOrigin();
  await t.services.admin.createEvent(testEvent(EVENT, t.clock.now));
});
afterAll(() => t?.close());

async function post(body: unknown, ticket: string, headers: Record<string, string> = {}) {
  return t.app.request(
    `/api/events/${EVENT}/holds`,
    jsonInit('POST', body, { authorization: await t.bearer(EVENT, ticket), ...headers }),
  );
}

async function nothingHeld() {
  const stats = await t.services.admin.stats(EVENT);
  return stats.held === 0 && stats.sold === 0;
}

describe('POST /api/events/{eventId}/holds input and auth', () => {
  it('holds named seats and returns the priced hold', async () => {
    const body = await expectStatus(await post({ seats: ['main:A:1', 'main:A:2'] }, 't_ok'), 201);
    expect(body.hold).toMatchObject({
      eventId: EVENT,
      status: 'ACTIVE',
      totalCents: 10000,
      currency: 'USD',
    });
    expect(body.hold.id).toMatch(/^h_/);
    await t.services.holds.release(body.hold.id, 't_ok');
  });

  it.each([
    ['an unknown seat', { seats: ['main:Z:1'] }, 400, 'validation_failed'],
    ['a seat beyond the row', { seats: ['main:A:11'] }, 400, 'validation_failed'],
    ['a duplicated seat', { seats: ['main:A:1', 'main:A:1'] }, 400, 'validation_failed'],
    ['wrong types', { seats: 'main:A:1' }, 400, 'validation_failed'],
    [
      'two ways at once',
      { seats: ['main:A:1'], bestAvailable: { quantity: 1 } },
      400,
      'validation_failed',
    ],
    ['an unknown field', { seats: ['main:A:1'], price: 0 }, 400, 'validation_failed'],
    ['more seats than a buyer may hold', { bestAvailable: { quantity: 5 } }, 422, 'limit_exceeded'],
  ])('rejects %s in the one shape and writes nothing', async (_name, body, status, code) => {
    const res = await post(body, 't_bad');
    await expectError(res, status, code);
    expect(await nothingHeld()).toBe(true);
  });

  it('rejects malformed JSON with 400 bad_request', async () => {
    const res = await t.app.request(`/api/events/${EVENT}/holds`, {
      method: 'POST',
      body: '{"eventId": ',
      headers: {
        'content-type': 'application/json',
        authorization: await t.bearer(EVENT, 't_bad'),
      },
    });
    await expectError(res, 400, 'bad_request');
  });

  it('rejects a body over 64 KB with 413', async () => {
    const res = await post({ seats: ['x'.repeat(70_000)] }, 't_big');
    await expectError(res, 413, 'payload_too_large');
    expect(await nothingHeld()).toBe(true);
  });

  it('requires an access token (401) valid for this event (403)', async () => {
    await expectError(
      await t.app.request(`/api/events/${EVENT}/holds`, jsonInit('POST', { seats: ['main:A:1'] })),
      401,
      'unauthorized',
    );
    const forged = await t.app.request(
      `/api/events/${EVENT}/holds`,
      jsonInit('POST', { seats: ['main:A:1'] }, { authorization: 'Bearer not.a.jwt' }),
    );
    await expectError(forged, 401, 'token_invalid');
    const other = await t.app.request(
      `/api/events/${EVENT}/holds`,
      jsonInit(
        'POST',
        { seats: ['main:A:1'] },
        { authorization: await t.bearer('other-show', 't_x') },
      ),
    );
    await expectError(other, 403, 'not_admitted');
    expect(await nothingHeld()).toBe(true);
  });

  it('accepts the token from the fg_access cookie', async () => {
    const token = await signToken(
      { typ: 'access', evt: EVENT, tid: 't_cookie', scp: 'buy' },
      DEV_TOKEN_KEYS,
      60,
      t.clock.now,
    );
    const res = await t.app.request(
      `/api/events/${EVENT}/holds`,
      jsonInit('POST', { seats: ['main:B:9'] }, { cookie: `fg_access=${token}` }),
    );
    const body = await expectStatus(res, 201);
    await t.services.holds.release(body.hold.id, 't_cookie');
  });
});

describe('holds: conflicts, limits, idempotency', () => {
  it('refuses a seat another buyer holds with 409 seat_taken', async () => {
    const first = await expectStatus(await post({ seats: ['main:B:1'] }, 't_one'), 201);
    await expectError(await post({ seats: ['main:B:1', 'main:B:2'] }, 't_two'), 409, 'seat_taken');
    const seat2 = await t.db.store.seats.get({
      eventId: EVENT,
      sectionId: 'main',
      seatId: 'main:B:2',
    });
    expect(seat2?.state).toBe('AVAILABLE');
    await t.services.holds.release(first.hold.id, 't_one');
  });

  it('counts the per-buyer limit across holds', async () => {
    const a = await expectStatus(await post({ bestAvailable: { quantity: 3 } }, 't_lim'), 201);
    await expectError(
      await post({ generalAdmission: { sectionId: 'pit', quantity: 2 } }, 't_lim'),
      422,
      'limit_exceeded',
    );
    await t.services.holds.release(a.hold.id, 't_lim');
    await expectStatus(
      await post({ generalAdmission: { sectionId: 'pit', quantity: 2 } }, 't_lim'),
      201,
    );
  });

  it('replays the first result for the same Idempotency-Key and body, 409 for another body', async () => {
    const key = { 'idempotency-key': 'key-replay-0001' };
    const first = await expectStatus(await post({ seats: ['main:A:5'] }, 't_idem', key), 201);
    const again = await post({ seats: ['main:A:5'] }, 't_idem', key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await expectStatus(again, 201)).hold.id).toBe(first.hold.id);
    await expectError(
      await post({ seats: ['main:A:6'] }, 't_idem', key),
      409,
      'idempotency_conflict',
    );
  });

  it('lets only the owner read or release a hold', async () => {
    const { hold } = await expectStatus(await post({ seats: ['main:A:8'] }, 't_own'), 201);
    const auth = (tid: string) =>
      t.bearer(EVENT, tid).then((authorization) => ({ headers: { authorization } }));
    await expectError(
      await t.app.request(`/api/events/${EVENT}/holds/${hold.id}`, await auth('t_thief')),
      403,
      'forbidden',
    );
    await expectStatus(
      await t.app.request(`/api/events/${EVENT}/holds/${hold.id}`, await auth('t_own')),
      200,
    );
    const del = await t.app.request(`/api/events/${EVENT}/holds/${hold.id}`, {
      method: 'DELETE',
      ...(await auth('t_own')),
    });
    expect(del.status, await del.text()).toBe(204);
    const seat = await t.db.store.seats.get({
      eventId: EVENT,
      sectionId: 'main',
      seatId: 'main:A:8',
    });
    expect(seat?.state).toBe('AVAILABLE');
  });

  it('frees seats of an expired hold for the next buyer and reports it EXPIRED', async () => {
    const { hold } = await expectStatus(await post({ seats: ['main:A:10'] }, 't_slow'), 201);
    t.clock.now += 61_000;
    await expectStatus(await post({ seats: ['main:A:10'] }, 't_fast'), 201);
    const res = await t.app.request(`/api/events/${EVENT}/holds/${hold.id}`, {
      headers: { authorization: await t.bearer(EVENT, 't_slow') },
    });
    expect((await expectStatus(res, 200)).hold.status).toBe('EXPIRED');
    expect(t.released).toContainEqual({ eventId: EVENT, ticketId: 't_slow' });
  });
});

describe('best available by price tier through POST /holds', () => {
  const TIER_EVENT = 'tier-show';
  const base = testEvent(TIER_EVENT);
  beforeAll(async () => {
    await t.services.admin.createEvent({
      ...base,
      startsAt: new Date(t.clock.now + 86_400_000).toISOString(),
      onSaleAt: new Date(t.clock.now - 60_000).toISOString(),
      maxPerBuyer: 4,
      tiers: [
        { id: 'std', name: 'Standard', priceCents: 4000 },
        { id: 'cheap', name: 'Cheap', priceCents: 1500 },
        { id: 'pit', name: 'Pit', priceCents: 2000 },
      ],
      sections: [
        // Ranked in definition order: `narrow` first, then `wide`, both Standard.
        {
          id: 'narrow',
          name: 'Narrow',
          kind: 'seated',
          tierId: 'std',
          rows: [{ label: 'A', seats: 4 }],
        },
        {
          id: 'wide',
          name: 'Wide',
          kind: 'seated',
          tierId: 'std',
          rows: [{ label: 'A', seats: 6 }],
        },
        {
          id: 'back',
          name: 'Back',
          kind: 'seated',
          tierId: 'cheap',
          rows: [{ label: 'A', seats: 10 }],
        },
        { id: 'floor', name: 'Floor', kind: 'ga', tierId: 'pit', capacity: 10 },
      ],
    });
  });

  async function best(ticket: string, bestAvailable: object) {
    return t.app.request(
      `/api/events/${TIER_EVENT}/holds`,
      jsonInit('POST', { bestAvailable }, { authorization: await t.bearer(TIER_EVENT, ticket) }),
    );
  }
  const ids = (hold: { seats: { seatId: string }[] }) => hold.seats.map((s) => s.seatId).sort();

  it('holds adjacent seats of the asked tier only, priced at that tier', async () => {
    const { hold } = await expectStatus(
      await best('t_cheap', { tierId: 'cheap', quantity: 3 }),
      201,
    );
    const numbers = hold.seats
      .map((s: { number: number }) => s.number)
      .sort((a: number, b: number) => a - b);
    expect(hold.seats.every((s: { sectionId: string }) => s.sectionId === 'back')).toBe(true);
    expect(numbers[2] - numbers[0], JSON.stringify(hold.seats)).toBe(2);
    expect(
      hold.seats.every(
        (s: { tierId: string; priceCents: number }) =>
          s.tierId === 'cheap' && s.priceCents === 1500,
      ),
    ).toBe(true);
    expect(hold.totalCents).toBe(4500);
  });

  it('skips a section of the tier where the block would strand a single seat, and fills the tier before sold_out', async () => {
    // 3 of the 4 in `narrow` would leave one lone seat; `wide` (6) takes 3 cleanly.
    const first = await expectStatus(await best('t_std1', { tierId: 'std', quantity: 3 }), 201);
    expect(ids(first.hold)).toEqual(['wide:A:1', 'wide:A:2', 'wide:A:3']);
    const second = await expectStatus(await best('t_std2', { tierId: 'std', quantity: 4 }), 201);
    expect(ids(second.hold)).toEqual(['narrow:A:1', 'narrow:A:2', 'narrow:A:3', 'narrow:A:4']);
    const third = await expectStatus(await best('t_std3', { tierId: 'std', quantity: 3 }), 201);
    expect(ids(third.hold)).toEqual(['wide:A:4', 'wide:A:5', 'wide:A:6']);
    await expectError(await best('t_std4', { tierId: 'std', quantity: 1 }), 409, 'sold_out');
    // The cheap tier still has seats: a full tier does not spill into another.
    const back = await t.db.store.seats.listSection(TIER_EVENT, 'back', true);
    expect(back.filter((s) => s.state === 'AVAILABLE')).toHaveLength(7);
  });

  it.each([
    ['an unknown tier', { tierId: 'gold', quantity: 1 }],
    ['a tier with no seated section', { tierId: 'pit', quantity: 1 }],
  ])('rejects %s with 400 validation_failed and holds nothing', async (_name, body) => {
    const before = await t.services.admin.stats(TIER_EVENT);
    await expectError(await best('t_tier_bad', body), 400, 'validation_failed');
    expect((await t.services.admin.stats(TIER_EVENT)).held).toBe(before.held);
  });
});
