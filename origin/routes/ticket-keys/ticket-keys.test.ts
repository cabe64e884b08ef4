import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTicketCode, type TicketPublicKeys, verifyTicketCode } from '../../domain/ticket-code';
import { createTestOrigin, type TestOrigin } from '../../testing/harness';
import { expectStatus } from '../../testing/http';

let t: TestOrigin;
beforeAll(async () => {
  t = await createTestOrigin();
});
afterAll(() => t?.close());

describe('GET /api/catalog/ticket-keys', () => {
  it('publishes the public Ed25519 JWK Set, cacheable, with no private part', async () => {
    const res = await t.app.request('/api/catalog/ticket-keys');
    const body = await expectStatus(res, 200);
    expect(res.headers.get('cache-control')).toMatch(/^public, .*s-maxage=\d+/);
    expect(body.keys).toEqual([
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        kid: t.deps.ticketKeys.signing.kid,
        alg: 'EdDSA',
        use: 'sig',
      },
    ]);
    const etag = res.headers.get('etag') as string;
    const again = await t.app.request('/api/catalog/ticket-keys', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('verifies a code the origin signs, so a scanner needs nothing else', async () => {
    const claims = { ticketId: 't_k', eventId: 'ev', seatId: 'main:A:1' };
    const code = await signTicketCode(claims, t.deps.ticketKeys.signing);
    const jwks = await expectStatus(await t.app.request('/api/catalog/ticket-keys'), 200);
    expect(await verifyTicketCode(code, jwks as TicketPublicKeys)).toEqual(claims);
  });
});
