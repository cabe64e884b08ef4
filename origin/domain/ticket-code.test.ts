import { describe, expect, it } from 'vitest';
import { signTicketCode, type TicketKeys, verifyTicketCode } from './ticket-code';

const keys: TicketKeys = { activeKid: 'k1', keys: { k1: 'secret-one-0123456789abcdef0123456789' } };
const claims = { ticketId: 't_abc', eventId: 'demo-arena', seatId: 'floor-a:C:12' };

describe('ticket codes', () => {
  it('signs a compact v1.<kid>.<payload>.<hmac> code that verifies offline with the key', () => {
    const code = signTicketCode(claims, keys);
    expect(code).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyTicketCode(code, { activeKid: 'k1', keys: { ...keys.keys } })).toEqual(claims);
  });

  it('still verifies codes signed with a retired kid that the ring keeps', () => {
    const code = signTicketCode(claims, keys);
    const rotated = { activeKid: 'k2', keys: { k2: 'secret-two', k1: keys.keys.k1 } };
    expect(verifyTicketCode(code, rotated)).toEqual(claims);
    expect(verifyTicketCode(code, { activeKid: 'k2', keys: { k2: 'secret-two' } })).toBeNull();
  });

  it('rejects a code whose payload was altered', () => {
    const [v, kid, , mac] = signTicketCode(claims, keys).split('.');
    const forged = Buffer.from(JSON.stringify({ t: 't_abc', e: 'demo-arena', s: 'floor-a:A:1' }));
    expect(
      verifyTicketCode([v, kid, forged.toString('base64url'), mac].join('.'), keys),
    ).toBeNull();
  });

  it('rejects a code signed with another secret under the same kid', () => {
    const code = signTicketCode(claims, { activeKid: 'k1', keys: { k1: 'attacker' } });
    expect(verifyTicketCode(code, keys)).toBeNull();
  });

  it.each(['', 'v1.k1.x', 'v2.k1.e30.AAAA', 'v1.k1.!!!.AAAA', 'v1.toString.e30.AAAA'])(
    'returns null for the malformed code %j',
    (code) => {
      expect(verifyTicketCode(code, keys)).toBeNull();
    },
  );
});
