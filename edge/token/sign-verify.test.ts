import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import type { AccessTokenClaims, QueueTicketClaims, TokenKeys } from './claims';
import { signToken, verifyToken } from './sign-verify';

const keys: TokenKeys = {
  activeKid: 'k1',
  keys: { k1: 'test-secret-k1-aaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
};
const access: AccessTokenClaims = { typ: 'access', evt: 'demo-arena', tid: 't_abc', scp: 'buy' };
const ticket: QueueTicketClaims = {
  typ: 'ticket',
  evt: 'demo-arena',
  tid: 't_abc',
  pos: 7,
  cs: 'hash',
};

async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('signToken / verifyToken', () => {
  it('round-trips claims with issuer, iat and exp', async () => {
    const now = Date.UTC(2030, 0, 1);
    const token = await signToken(ticket, keys, 60, now);
    const claims = await verifyToken<QueueTicketClaims>(token, 'ticket', keys, now + 1000);
    expect(claims).toMatchObject({ ...ticket, iss: 'floodgate', iat: now / 1000 });
    expect(claims.exp).toBe(now / 1000 + 60);
  });

  it('puts the active kid in the header', async () => {
    const token = await signToken(access, keys, 60);
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString());
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
  });

  it('rejects a token of the wrong type', async () => {
    const token = await signToken(ticket, keys, 60);
    expect(await errorCodeOf(verifyToken(token, 'access', keys))).toBe('token_invalid');
  });

  it('rejects an expired token with token_expired', async () => {
    const now = Date.now();
    const token = await signToken(access, keys, 60, now - 120_000);
    expect(await errorCodeOf(verifyToken(token, 'access', keys, now))).toBe('token_expired');
  });

  it('rejects a token signed with a kid that is not in the ring', async () => {
    const other: TokenKeys = {
      activeKid: 'k9',
      keys: { k9: 'another-secret-bbbbbbbbbbbbbbbbbbbbbbbb' },
    };
    const token = await signToken(access, other, 60);
    expect(await errorCodeOf(verifyToken(token, 'access', keys))).toBe('token_invalid');
  });

  it('rejects a tampered signature', async () => {
    const token = await signToken(access, keys, 60);
    const [h, p, s = ''] = token.split('.');
    const flipped = `${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
    expect(await errorCodeOf(verifyToken(`${h}.${p}.${flipped}`, 'access', keys))).toBe(
      'token_invalid',
    );
  });

  it('rejects a tampered payload under the original signature', async () => {
    const token = await signToken(ticket, keys, 60);
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...ticket, pos: 1, iss: 'floodgate' })).toString(
      'base64url',
    );
    expect(await errorCodeOf(verifyToken(`${h}.${forged}.${s}`, 'ticket', keys))).toBe(
      'token_invalid',
    );
  });

  it('keeps tokens signed with the old kid valid after rotation while the kid stays in the ring', async () => {
    const before: TokenKeys = {
      activeKid: 'k0',
      keys: { k0: 'old-secret-cccccccccccccccccccccccccccc' },
    };
    const token = await signToken(access, before, 60);
    const rotated: TokenKeys = {
      activeKid: 'k1',
      keys: { ...before.keys, k1: keys.keys.k1 ?? '' },
    };
    await expect(verifyToken(token, 'access', rotated)).resolves.toMatchObject(access);
    const fresh = await signToken(access, rotated, 60);
    expect(JSON.parse(Buffer.from(fresh.split('.')[0] ?? '', 'base64url').toString()).kid).toBe(
      'k1',
    );
    const retired: TokenKeys = { activeKid: 'k1', keys: { k1: keys.keys.k1 ?? '' } };
    expect(await errorCodeOf(verifyToken(token, 'access', retired))).toBe('token_invalid');
  });

  it('refuses to sign when the active kid has no secret', async () => {
    await expect(signToken(access, { activeKid: 'nope', keys: {} }, 60)).rejects.toThrow(/nope/);
  });
});
