import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutboxRelay } from '../../services/outbox/relay';
import { createTestOrigin, type TestOrigin, testEvent } from '../../testing/harness';
import { expectError, expectStatus, jsonInit } from '../../testing/http';
import { buyTickets } from '../../testing/purchase';

let t: TestOrigin;
const EVENT = 'account-night';
beforeAll(async () => {
  t = await createTestOrigin();
  await t.services.admin.createEvent(testEvent(EVENT, t.clock.now));
});
afterAll(() => t?.close());

/** Asks for a link and reads it back from the local mailbox (newest message to `email`). */
async function signInLink(email: string): Promise<string> {
  const res = await t.app.request('/api/account/sign-in', jsonInit('POST', { email }));
  await expectStatus(res, 202);
  const listed = await t.deps.mailbox.list();
  const latest = listed.find((m) => m.to === email.toLowerCase() && m.kind === 'sign-in');
  const message = latest && (await t.deps.mailbox.get(latest.id));
  const link = message?.text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no sign-in link for ${email}: ${JSON.stringify(listed)}`);
  return link;
}

/** The API call behind the email's link (the storefront page POSTs; GET does the same). */
const pathOf = (link: string) => {
  const url = new URL(link);
  expect(url.pathname).toBe('/account/sign-in');
  return `/api/account/verify${url.search}`;
};

/** Follows a link and answers the session cookie it set. */
async function follow(link: string): Promise<string> {
  const res = await t.app.request(pathOf(link));
  expect(res.status, await res.clone().text()).toBe(303);
  expect(res.headers.get('location')).toBe('/account');
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/^fg_session=[^;]+;.*HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  return cookie.split(';')[0] as string;
}

describe('magic-link sign-in', () => {
  it('answers 202 alike for any address and mails a link that signs the buyer in', async () => {
    const res = await t.app.request(
      '/api/account/sign-in',
      jsonInit('POST', { email: 'nobody-yet@example.com' }),
    );
    expect(await expectStatus(res, 202)).toMatchObject({ status: 'sent' });
    const cookie = await follow(await signInLink('Ann@Example.com'));
    const me = await expectStatus(
      await t.app.request('/api/account/me', { headers: { cookie } }),
      200,
    );
    expect(me.account.email).toBe('ann@example.com');
  });

  it('refuses a link used twice with 409 link_used', async () => {
    const link = await signInLink('twice@example.com');
    await follow(link);
    await expectError(await t.app.request(pathOf(link)), 409, 'link_used');
  });

  it('refuses an expired link with 410 link_expired', async () => {
    const link = await signInLink('late@example.com');
    t.clock.now += 16 * 60_000;
    try {
      await expectError(await t.app.request(pathOf(link)), 410, 'link_expired');
    } finally {
      t.clock.now -= 16 * 60_000;
    }
  });

  it('refuses a tampered link with 401 link_invalid, and a non-token with 400', async () => {
    const link = new URL(await signInLink('tamper@example.com'));
    const [h, p, s] = (link.searchParams.get('token') ?? '').split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims.sub = 'victim@example.com';
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    await expectError(
      await t.app.request('/api/account/verify', jsonInit('POST', { token: forged })),
      401,
      'link_invalid',
    );
    await expectError(
      await t.app.request('/api/account/verify?token=nope'),
      400,
      'validation_failed',
    );
  });

  it('signs in from a page with POST /verify, and signing out ends the session everywhere', async () => {
    const token = new URL(await signInLink('page@example.com')).searchParams.get('token');
    const res = await t.app.request('/api/account/verify', jsonInit('POST', { token }));
    const body = await expectStatus(res, 200);
    expect(body.account.email).toBe('page@example.com');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    await expectStatus(
      await t.app.request('/api/account/sign-out', { method: 'POST', headers: { cookie } }),
      204,
    );
    // The old cookie, replayed after sign-out, no longer works.
    await expectError(
      await t.app.request('/api/account/me', { headers: { cookie } }),
      401,
      'unauthorized',
    );
  });

  it('sends no more than the throttle allows per address, answering 202 all the same', async () => {
    const email = 'spam-target@example.com';
    for (let i = 0; i < 7; i++) {
      await expectStatus(
        await t.app.request('/api/account/sign-in', jsonInit('POST', { email })),
        202,
      );
    }
    const sent = (await t.deps.mailbox.list(500)).filter((m) => m.to === email);
    expect(sent).toHaveLength(t.deps.accounts.signInsPerWindow);
  });
});

describe('my orders', () => {
  it("shows a guest's orders once they sign in with that email (any case), with ticket codes", async () => {
    const order = await buyTickets(t, {
      eventId: EVENT,
      ticketId: 't_guest',
      email: 'Guest@Example.com',
    });
    expect(order.status).toBe('CONFIRMED');
    const cookie = await follow(await signInLink('guest@example.com'));
    const body = await expectStatus(
      await t.app.request('/api/account/orders', { headers: { cookie } }),
      200,
    );
    expect(body.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect(body.orders[0].tickets[0].code).toBe(order.tickets[0]?.code);
    // Someone else's account does not see it.
    const other = await follow(await signInLink('other@example.com'));
    const theirs = await expectStatus(
      await t.app.request('/api/account/orders', { headers: { cookie: other } }),
      200,
    );
    expect(theirs.orders).toEqual([]);
  });

  it('answers 401 without a session', async () => {
    await expectError(await t.app.request('/api/account/orders'), 401, 'unauthorized');
  });

  it('re-sends the confirmation once per Idempotency-Key, through the outbox', async () => {
    const email = 'resend@example.com';
    const order = await buyTickets(t, { eventId: EVENT, ticketId: 't_resend', email });
    const cookie = await follow(await signInLink(email));
    const relay = startOutboxRelay(t.deps, { intervalMs: 0 });
    await relay.relayOnce();
    const before = (await t.deps.mailbox.list(500)).filter(
      (m) => m.to === email && m.kind !== 'sign-in',
    );
    expect(before.map((m) => m.kind)).toEqual(['order.confirmed']);

    const resend = () =>
      t.app.request(`/api/account/orders/${order.id}/resend`, {
        method: 'POST',
        headers: { cookie, 'idempotency-key': 'resend-key-0001' },
      });
    const first = await expectStatus(await resend(), 202);
    await relay.relayOnce();
    const again = await expectStatus(await resend(), 202);
    expect(again.eventId).toBe(first.eventId);
    await relay.relayOnce();
    const after = (await t.deps.mailbox.list(500)).filter(
      (m) => m.to === email && m.kind !== 'sign-in',
    );
    expect(after.map((m) => m.kind).sort()).toEqual([
      'order.confirmation_requested',
      'order.confirmed',
    ]);
    await expectError(
      await t.app.request('/api/account/orders/o_nottheirsxxxxxxxxxxxxx/resend', {
        method: 'POST',
        headers: { cookie },
      }),
      404,
      'not_found',
    );
    await relay.close();
  });
});
