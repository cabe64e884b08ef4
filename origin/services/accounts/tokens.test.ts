import { describe, expect, it } from 'vitest';
import {
  LINK_TTL_MS,
  signLinkToken,
  signSessionToken,
  verifyLinkToken,
  verifySessionToken,
} from './tokens';

const LINK = 'link-secret-for-tests-0123456789abcdef';
const SESSION = 'session-secret-for-tests-0123456789abc';
const NOW = Date.UTC(2030, 0, 1);

describe('sign-in link tokens', () => {
  it('carry the email and a jti, valid for 15 minutes', async () => {
    const token = await signLinkToken('ann@example.com', 'jti-1', LINK, NOW);
    const claims = await verifyLinkToken(token, LINK, NOW + LINK_TTL_MS - 1_000);
    expect(claims).toEqual({
      email: 'ann@example.com',
      jti: 'jti-1',
      expiresAt: NOW + LINK_TTL_MS,
    });
  });

  it('refuse an expired link with link_expired', async () => {
    const token = await signLinkToken('ann@example.com', 'jti-1', LINK, NOW);
    await expect(verifyLinkToken(token, LINK, NOW + LINK_TTL_MS + 1_000)).rejects.toMatchObject({
      code: 'link_expired',
    });
  });

  it('refuse a tampered link with link_invalid', async () => {
    const token = await signLinkToken('ann@example.com', 'jti-1', LINK, NOW);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
    forged.sub = 'mallory@example.com';
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    await expect(verifyLinkToken(tampered, LINK, NOW)).rejects.toMatchObject({
      code: 'link_invalid',
    });
  });

  it('refuse a link signed with another key, and a session token passed as a link', async () => {
    const other = await signLinkToken('ann@example.com', 'jti-1', SESSION, NOW);
    await expect(verifyLinkToken(other, LINK, NOW)).rejects.toMatchObject({ code: 'link_invalid' });
    const session = await signSessionToken('ann@example.com', 's1', LINK, NOW);
    await expect(verifyLinkToken(session, LINK, NOW)).rejects.toMatchObject({
      code: 'link_invalid',
    });
  });
});

describe('session tokens', () => {
  it('verify with the session key and name the session', async () => {
    const token = await signSessionToken('ann@example.com', 's1', SESSION, NOW);
    expect(await verifySessionToken(token, SESSION, NOW)).toMatchObject({
      email: 'ann@example.com',
      sessionId: 's1',
    });
  });

  it('are null when missing, garbage, or a sign-in link', async () => {
    expect(await verifySessionToken(undefined, SESSION, NOW)).toBeNull();
    expect(await verifySessionToken('x.y.z', SESSION, NOW)).toBeNull();
    const link = await signLinkToken('ann@example.com', 'jti', SESSION, NOW);
    expect(await verifySessionToken(link, SESSION, NOW)).toBeNull();
  });
});
