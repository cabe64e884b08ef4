import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../../../common/errors';

/** How long a sign-in link works. */
export const LINK_TTL_MS = 15 * 60_000;
/** How long a session lasts before the buyer signs in again. */
export const SESSION_TTL_MS = 30 * 86_400_000;

const ISSUER = 'floodgate';
const LINK_AUDIENCE = 'floodgate:sign-in';
const SESSION_AUDIENCE = 'floodgate:session';
const encoder = new TextEncoder();

/** The two HS256 secrets of buyer accounts: sign-in links and session cookies, each its own. */
export interface AccountSecrets {
  linkSecret: string;
  sessionSecret: string;
}

export interface LinkClaims {
  email: string;
  jti: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface SessionClaims {
  email: string;
  sessionId: string;
  expiresAt: number;
}

async function sign(
  payload: Record<string, string>,
  subject: string,
  audience: string,
  secret: string,
  now: number,
  ttlMs: number,
): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setSubject(subject)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor((now + ttlMs) / 1000))
    .sign(encoder.encode(secret));
}

/** Signs a single-use sign-in link token (`jti` recorded when it is used). */
export function signLinkToken(
  email: string,
  jti: string,
  secret: string,
  now: number,
): Promise<string> {
  return sign({ jti }, email, LINK_AUDIENCE, secret, now, LINK_TTL_MS);
}

/**
 * Verifies a sign-in link token: signature (HS256 only), issuer, audience, expiry.
 * Expired → `link_expired` (410); anything else wrong (tampered, other key, a session token
 * passed as a link) → `link_invalid` (401). Single use is the caller's conditional write.
 */
export async function verifyLinkToken(
  token: string,
  secret: string,
  now: number,
): Promise<LinkClaims> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: LINK_AUDIENCE,
      currentDate: new Date(now),
      requiredClaims: ['jti', 'sub', 'exp'],
    });
    return {
      email: payload.sub as string,
      jti: payload.jti as string,
      expiresAt: (payload.exp as number) * 1000,
    };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw new AppError('link_expired', 'This sign-in link has expired: ask for a new one');
    }
    throw new AppError('link_invalid', 'This sign-in link is not valid: ask for a new one');
  }
}

/** Signs the session cookie's value. */
export function signSessionToken(
  email: string,
  sessionId: string,
  secret: string,
  now: number,
): Promise<string> {
  return sign({ sid: sessionId }, email, SESSION_AUDIENCE, secret, now, SESSION_TTL_MS);
}

/** Verifies a session cookie; null when it is missing, expired, tampered or not a session. */
export async function verifySessionToken(
  token: string | undefined,
  secret: string,
  now: number,
): Promise<SessionClaims | null> {
  if (!token || token.length > 2_048) return null;
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: SESSION_AUDIENCE,
      currentDate: new Date(now),
      requiredClaims: ['sid', 'sub', 'exp'],
    });
    if (typeof payload.sid !== 'string') return null;
    return {
      email: payload.sub as string,
      sessionId: payload.sid,
      expiresAt: (payload.exp as number) * 1000,
    };
  } catch {
    return null;
  }
}
