import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseOriginConfig } from '../config';
import { signTicketCode, verifyTicketCode } from './ticket-code';
import { generateTicketKeyRing, parseTicketKeys, ticketKeysSetting } from './ticket-code-keys';

const privateJwk = () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const { kty, crv, x, d } = privateKey.export({ format: 'jwk' });
  return { kty, crv, x, d } as { kty: string; crv: string; x: string; d: string };
};
const claims = { ticketId: 't_1', eventId: 'ev', seatId: 'main:A:1' };

describe('ticket key ring', () => {
  it('signs with the active key of TICKET_KEYS and publishes every key, public parts only', async () => {
    const active = privateJwk();
    const retired = privateJwk();
    const ring = parseTicketKeys(
      JSON.stringify({ activeKid: 't2', keys: { t2: active, t1: { ...retired, d: undefined } } }),
    );
    expect(ring.signing.kid).toBe('t2');
    expect(ring.publicKeys.keys.map((k) => k.kid).sort()).toEqual(['t1', 't2']);
    expect(ring.publicKeys.keys.some((k) => 'd' in k)).toBe(false);
    const code = await signTicketCode(claims, ring.signing);
    expect(await verifyTicketCode(code, ring.publicKeys)).toEqual(claims);
    const oldRing = parseTicketKeys(JSON.stringify({ activeKid: 't1', keys: { t1: retired } }));
    const oldCode = await signTicketCode(claims, oldRing.signing);
    expect(await verifyTicketCode(oldCode, ring.publicKeys)).toEqual(claims);
  });

  it('generates a working key pair with a dev kid when none is configured', async () => {
    const ring = generateTicketKeyRing();
    expect(ring.signing.kid).toMatch(/^dev-[0-9a-f]{8}$/);
    const code = await signTicketCode(claims, ring.signing);
    expect(await verifyTicketCode(code, ring.publicKeys)).toEqual(claims);
    expect(generateTicketKeyRing().signing.kid).not.toBe(ring.signing.kid);
  });

  it.each([
    ['{', /^TICKET_KEYS: not valid JSON/],
    [
      JSON.stringify({ activeKid: 'k9', keys: { k1: privateJwk() } }),
      /^TICKET_KEYS: activeKid must name/,
    ],
    [
      JSON.stringify({ activeKid: 'k1', keys: { k1: { ...privateJwk(), d: undefined } } }),
      /^TICKET_KEYS: the active key needs its private part d/,
    ],
    [
      JSON.stringify({ activeKid: 'k1', keys: { k1: { ...privateJwk(), x: privateJwk().x } } }),
      /^TICKET_KEYS\.keys\.k1: the private part d does not match x/,
    ],
    [
      JSON.stringify({ activeKid: 'k1', keys: { k1: { ...privateJwk(), crv: 'P-256' } } }),
      /^TICKET_KEYS\.keys\.k1\.crv:/,
    ],
  ])('refuses a bad TICKET_KEYS at start-up, naming the setting (%s)', (raw, message) => {
    expect(() => parseOriginConfig({ TICKET_KEYS: raw })).toThrow(message);
  });

  it('leaves ticket keys unset (generated at start-up) when TICKET_KEYS is absent', () => {
    expect(parseOriginConfig({}).ticketKeys).toBeUndefined();
  });

  it('hands a ring to another process as TICKET_KEYS: codes one signs, the other verifies', async () => {
    const ring = generateTicketKeyRing();
    const copy = parseTicketKeys(ticketKeysSetting(ring));
    expect(copy.signing.kid).toBe(ring.signing.kid);
    const code = await signTicketCode(claims, ring.signing);
    expect(await verifyTicketCode(code, copy.publicKeys)).toEqual(claims);
    const back = await signTicketCode(claims, copy.signing);
    expect(await verifyTicketCode(back, ring.publicKeys)).toEqual(claims);
  });
});
