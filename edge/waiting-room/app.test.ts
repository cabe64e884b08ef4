import { beforeEach, describe, expect, it } from 'vitest';
import { type AccessTokenClaims, type TokenKeys, verifyToken } from '../token';
import { createWaitingRoomApp } from './app';
import { createMemoryRoomStore } from './store/memory';
import type { RoomStore } from './store/types';

const keys: TokenKeys = { activeKid: 'k1', keys: { k1: 'app-test-secret-0123456789abcdefghijkl' } };
const T0 = Date.UTC(2030, 0, 1, 12);
const API = { 'user-agent': 'floodgate-test/1.0', 'x-forwarded-for': '203.0.113.7' };
const BROWSER = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130',
  'x-forwarded-for': '203.0.113.8',
};

let store: RoomStore;
let now: number;
let app: ReturnType<typeof createWaitingRoomApp>;

beforeEach(async () => {
  store = createMemoryRoomStore();
  now = T0;
  app = createWaitingRoomApp({
    store,
    keys,
    clock: () => now,
    joinRateLimit: { limit: 5, windowSeconds: 60 },
  });
  await store.configure('demo-arena', { ratePerMinute: 60, maxActive: 2, sessionSeconds: 600 }, T0);
});

async function body(res: Response) {
  const text = await res.text();
  return { text, json: JSON.parse(text) };
}

async function join(headers: Record<string, string> = API, eventId = 'demo-arena') {
  const res = await app.request(`/wr/${eventId}/join`, { method: 'POST', headers });
  const { text, json } = await body(res);
  return { res, text, json };
}

async function admit(payload: unknown, headers: Record<string, string> = {}) {
  const res = await app.request('/wr/demo-arena/admit', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  const { text, json } = await body(res);
  return { res, text, json };
}

/** `name=value` pairs of the Set-Cookie headers, for a follow-up request. */
function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('POST /wr/:eventId/join', () => {
  it('issues consecutive positions with a signed ticket and the client secret for API clients', async () => {
    const first = await join();
    expect(first.res.status, first.text).toBe(201);
    expect(first.json).toMatchObject({
      position: 1,
      eventId: 'demo-arena',
      servingNumber: 0,
      // Nobody ahead: this buyer is next (the count never includes the buyer).
      peopleAhead: 0,
    });
    expect(first.json.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.json.estimatedWaitSeconds).toBe(1);
    expect((await join()).json.position).toBe(2);
  });

  it('sets an HttpOnly client cookie and a readable ticket cookie, Secure only over https', async () => {
    const { res, json } = await join(BROWSER);
    expect(json.clientSecret).toBeUndefined();
    const cookies = res.headers.getSetCookie();
    const client = cookies.find((c) => c.startsWith('fg_client='));
    expect(client).toMatch(/HttpOnly/);
    expect(client).toMatch(/SameSite=Lax/);
    expect(client).not.toMatch(/Secure/);
    expect(cookies.find((c) => c.startsWith('fg_ticket='))).not.toMatch(/HttpOnly/);
    const secure = await app.request('https://tickets.example/wr/demo-arena/join', {
      method: 'POST',
      headers: BROWSER,
    });
    expect(secure.headers.getSetCookie().every((c) => c.includes('Secure'))).toBe(true);
  });

  it('returns the same place to a client that joins again with its cookies', async () => {
    const first = await join(BROWSER);
    const again = await join({ ...BROWSER, cookie: cookiesOf(first.res) });
    expect(again.json).toMatchObject({ position: 1, ticket: first.json.ticket });
    expect((await join(BROWSER)).json.position).toBe(2);
  });

  it('answers 400 for a bad event id and 404 for an event without a room', async () => {
    const bad = await join(API, 'Bad_Event!');
    expect(bad.res.status, bad.text).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'bad_request' });
    const unknown = await join(API, 'no-such-event');
    expect(unknown.res.status, unknown.text).toBe(404);
    expect(unknown.json.error.code).toBe('not_found');
    expect(unknown.json.error.requestId).toBe(unknown.res.headers.get('x-request-id'));
  });

  it('limits joins per client IP with 429 rate_limited and Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await join()).res.status).toBe(201);
    const limited = await join();
    expect(limited.res.status, limited.text).toBe(429);
    expect(limited.json.error.code).toBe('rate_limited');
    expect(limited.res.headers.get('retry-after')).toBe('60');
    expect((await join({ ...API, 'x-forwarded-for': '198.51.100.1' })).res.status).toBe(201);
  });

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const echoed = await join({ ...API, 'x-request-id': 'abc-123' });
    expect(echoed.res.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await join({ ...API, 'x-request-id': 'bad id <script>' });
    expect(replaced.res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GET /wr/:eventId/state', () => {
  it('reports the advanced serving number with a one-second CDN cache', async () => {
    for (let i = 0; i < 5; i++) await join();
    now = T0 + 1_500;
    const res = await app.request('/wr/demo-arena/state');
    const { text, json } = await body(res);
    expect(res.status, text).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=1');
    expect(json).toEqual({
      eventId: 'demo-arena',
      servingNumber: 1,
      queueLength: 5,
      waiting: 4,
      ratePerMinute: 60,
      mode: 'fixed',
      paused: false,
      queueAll: false,
      opensAt: null,
      activeBuyers: 0,
      maxActive: 2,
      departureRatePerMinute: 0,
      admissionRatePerMinute: 0,
      abandonRatePerMinute: 0,
      prequeue: { joined: 0, sealed: false, base: 0 },
      commitment: expect.stringMatching(/^[0-9a-f]{64}$/),
      seed: null,
    });
  });

  it('answers 404 in the error shape for an unknown event', async () => {
    const res = await app.request('/wr/unknown-event/state');
    const { text, json } = await body(res);
    expect(res.status, text).toBe(404);
    expect(json.error.code).toBe('not_found');
  });
});

describe('POST /wr/:eventId/admit', () => {
  it('answers 202 with people ahead and a poll interval until the position is reached', async () => {
    await join();
    await join();
    const third = await join();
    const res = await admit({ ticket: third.json.ticket, clientSecret: third.json.clientSecret });
    expect(res.res.status, res.text).toBe(202);
    expect(res.json).toMatchObject({
      admitted: false,
      position: 3,
      peopleAhead: 2,
      estimatedWaitSeconds: 3,
    });
    expect(res.json.pollAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('admits a reached position with an access token and an HttpOnly fg_access cookie', async () => {
    const first = await join();
    now = T0 + 1_000;
    const res = await admit({ ticket: first.json.ticket, clientSecret: first.json.clientSecret });
    expect(res.res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      admitted: true,
      expiresAt: new Date(now + 600_000).toISOString(),
    });
    const claims = await verifyToken<AccessTokenClaims>(res.json.accessToken, 'access', keys, now);
    expect(claims).toMatchObject({ evt: 'demo-arena', scp: 'buy', exp: (now + 600_000) / 1000 });
    const cookie = res.res.headers.getSetCookie().find((c) => c.startsWith('fg_access='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('admits a browser from its cookies alone', async () => {
    const first = await join(BROWSER);
    now = T0 + 1_000;
    const res = await app.request('/wr/demo-arena/admit', {
      method: 'POST',
      headers: { ...BROWSER, cookie: cookiesOf(first.res) },
    });
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it('gives the same admission twice and never a second slot', async () => {
    const first = await join();
    now = T0 + 1_000;
    const creds = { ticket: first.json.ticket, clientSecret: first.json.clientSecret };
    const a = await admit(creds);
    const b = await admit(creds);
    expect(b.res.status, b.text).toBe(200);
    expect(b.json.expiresAt).toBe(a.json.expiresAt);
    expect((await store.state('demo-arena', now))?.activeBuyers).toBe(1);
  });

  it('refuses a leaked ticket presented with another client secret (403)', async () => {
    const first = await join();
    const other = await join();
    now = T0 + 5_000;
    const res = await admit({ ticket: first.json.ticket, clientSecret: other.json.clientSecret });
    expect(res.res.status, res.text).toBe(403);
    expect(res.json.error.code).toBe('forbidden');
  });

  it('refuses a missing, forged or foreign-event ticket with 401', async () => {
    const none = await admit({});
    expect(none.res.status, none.text).toBe(401);
    const first = await join();
    const forged = await admit({
      ticket: `${first.json.ticket}x`,
      clientSecret: first.json.clientSecret,
    });
    expect(forged.res.status, forged.text).toBe(401);
    expect(forged.json.error.code).toBe('token_invalid');
    await store.configure('other-event', {}, T0);
    const res = await app.request('/wr/other-event/admit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: first.json.ticket, clientSecret: first.json.clientSecret }),
    });
    expect(res.status, await res.clone().text()).toBe(401);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await app.request('/wr/demo-arena/admit', { method: 'POST', body: '{nope' });
    expect(res.status, await res.clone().text()).toBe(400);
  });

  it('refuses a ticket whose session was released (403 not_admitted)', async () => {
    const first = await join();
    now = T0 + 1_000;
    const creds = { ticket: first.json.ticket, clientSecret: first.json.clientSecret };
    const ok = await admit(creds);
    const claims = await verifyToken<AccessTokenClaims>(ok.json.accessToken, 'access', keys, now);
    await store.release('demo-arena', claims.tid, now);
    const again = await admit(creds);
    expect(again.res.status, again.text).toBe(403);
    expect(again.json.error.code).toBe('not_admitted');
  });
});
