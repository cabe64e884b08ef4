import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrigin, type TestOrigin } from '../../testing/harness';
import { expectError, expectStatus, jsonInit } from '../../testing/http';

let t: TestOrigin;
beforeAll(async () => {
  t = await createTestOrigin();
});
afterAll(() => t?.close());

describe('local mailbox in the browser', () => {
  it('lists sent emails newest first and shows one as HTML that can run nothing', async () => {
    await t.app.request('/api/account/sign-in', jsonInit('POST', { email: 'box@example.com' }));
    const listed = await expectStatus(
      await t.app.request('/api/dev/mailbox?to=Box@Example.com'),
      200,
    );
    expect(listed.messages).toHaveLength(1);
    expect(listed.messages[0]).toMatchObject({ to: 'box@example.com', kind: 'sign-in' });
    const res = await t.app.request(listed.messages[0].href);
    const html = await res.text();
    expect(res.status, html).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('/account/sign-in?token=');
  });

  it('finds an order email sent to the address as the buyer typed it, by any case', async () => {
    await t.deps.mailbox.send({
      id: 'm_mixedcase01',
      to: 'Guest.Buyer@Example.com',
      subject: 'Your tickets',
      text: 'tickets',
      html: '<p>tickets</p>',
      createdAt: t.clock.now,
      kind: 'order.confirmed',
    });
    const listed = await expectStatus(
      await t.app.request('/api/dev/mailbox?to=guest.buyer@example.com'),
      200,
    );
    expect(listed.messages.map((m: { id: string }) => m.id)).toEqual(['m_mixedcase01']);
  });

  it('answers 404 for an unknown message and when the dev mailbox is off', async () => {
    await expectError(await t.app.request('/api/dev/mailbox/m_unknown000'), 404, 'not_found');
    t.deps.accounts.devMailbox = false;
    try {
      await expectError(await t.app.request('/api/dev/mailbox'), 404, 'not_found');
    } finally {
      t.deps.accounts.devMailbox = true;
    }
  });
});
