import { generateKeyPairSync } from 'node:crypto';
import { CompactSign, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEV_TOKEN_KEYS } from '../../edge/token';
import {
  signTicketCode,
  TICKET_CODE_TYP,
  type TicketPublicKeys,
  verifyTicketCode,
} from './ticket-code';
import { generateTicketKeyRing } from './ticket-code-keys';

const ring = generateTicketKeyRing();
const claims = { ticketId: 't_abc', eventId: 'demo-arena', seatId: 'floor-a:C:12' };
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('ticket codes (Ed25519)', () => {
  it('signs a compact EdDSA JWS that verifies offline with only the public keys', async () => {
    const code = await signTicketCode(claims, ring.signing);
    expect(code).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    expect(decodeProtectedHeader(code)).toEqual({
      alg: 'EdDSA',
      kid: ring.signing.kid,
      typ: TICKET_CODE_TYP,
    });
    // The scanner's copy: what the keys endpoint serves (JSON round trip, no private part).
    const published = JSON.parse(JSON.stringify(ring.publicKeys)) as TicketPublicKeys;
    expect(published.keys.every((k) => !('d' in k))).toBe(true);
    expect(await verifyTicketCode(code, published)).toEqual(claims);
  });

  it('verifies a code of a retired kid while the set lists it, and refuses it once dropped', async () => {
    const code = await signTicketCode(claims, ring.signing);
    const next = generateTicketKeyRing();
    const rotated = { keys: [...next.publicKeys.keys, ...ring.publicKeys.keys] };
    expect(await verifyTicketCode(code, rotated)).toEqual(claims);
    expect(await verifyTicketCode(code, next.publicKeys)).toBeNull();
  });

  it('refuses a code whose payload was altered (another seat) under the original signature', async () => {
    const [header, , signature] = (await signTicketCode(claims, ring.signing)).split('.');
    const forged = encode({ t: 't_abc', e: 'demo-arena', s: 'floor-a:A:1' });
    expect(
      await verifyTicketCode([header, forged, signature].join('.'), ring.publicKeys),
    ).toBeNull();
  });

  it('refuses a code forged with another Ed25519 key under the same kid', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const attacker = { kid: ring.signing.kid, privateJwk: privateKey.export({ format: 'jwk' }) };
    const code = await signTicketCode(claims, attacker);
    expect(await verifyTicketCode(code, ring.publicKeys)).toBeNull();
  });

  it('refuses tokens made with the access-token secret (HS256) and unsigned ones', async () => {
    const secret = new TextEncoder().encode(DEV_TOKEN_KEYS.keys[DEV_TOKEN_KEYS.activeKid]);
    const hs = await new SignJWT({ t: 't_abc', e: 'demo-arena', s: 'floor-a:C:12' })
      .setProtectedHeader({ alg: 'HS256', kid: ring.signing.kid, typ: TICKET_CODE_TYP })
      .sign(secret);
    expect(await verifyTicketCode(hs, ring.publicKeys)).toBeNull();
    const none = `${encode({ alg: 'none', kid: ring.signing.kid, typ: TICKET_CODE_TYP })}.${encode({ t: 'x', e: 'y', s: 'z' })}.`;
    expect(await verifyTicketCode(none, ring.publicKeys)).toBeNull();
  });

  it('refuses a JWS signed by the ticket key but of another type', async () => {
    const other = await new CompactSign(
      new TextEncoder().encode(JSON.stringify({ t: 'a', e: 'b', s: 'c' })),
    )
      .setProtectedHeader({ alg: 'EdDSA', kid: ring.signing.kid, typ: 'JWT' })
      .sign(ring.signing.privateJwk);
    expect(await verifyTicketCode(other, ring.publicKeys)).toBeNull();
  });

  it.each(['', 'x', 'a.b.c', 'v1.k1.e30.AAAA', `${'a'.repeat(600)}.${'b'.repeat(600)}.c`])(
    'returns null for the malformed code %j',
    async (code) => {
      expect(await verifyTicketCode(code, ring.publicKeys)).toBeNull();
    },
  );
});
