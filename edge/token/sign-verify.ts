import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../../common/errors';
import {
  type AccessTokenClaims,
  type QueueTicketClaims,
  TOKEN_ISSUER,
  type TokenKeys,
  type VerifiedClaims,
} from './claims';

type Claims = QueueTicketClaims | AccessTokenClaims;

const encoder = new TextEncoder();
const secretCache = new Map<string, Uint8Array>();

function secretBytes(secret: string): Uint8Array {
  let bytes = secretCache.get(secret);
  if (!bytes) {
    bytes = encoder.encode(secret);
    secretCache.set(secret, bytes);
  }
  return bytes;
}

/**
 * Signs claims with the active key (HS256, `kid` header).
 * @example await signToken({ typ: 'access', evt, tid, scp: 'buy' }, keys, 900)
 */
export async function signToken(
  claims: Claims,
  keys: TokenKeys,
  ttlSeconds: number,
  now = Date.now(),
): Promise<string> {
  const secret = keys.keys[keys.activeKid];
  if (!secret) throw new Error(`token keys: active kid "${keys.activeKid}" has no secret`);
  const iat = Math.floor(now / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keys.activeKid })
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(secretBytes(secret));
}

/**
 * Verifies a token of the expected type; throws AppError `token_invalid` or `token_expired`.
 * Accepts any key in the ring, so tokens signed before a rotation stay valid until they expire.
 */
export async function verifyToken<T extends Claims>(
  token: string,
  typ: T['typ'],
  keys: TokenKeys,
  now = Date.now(),
): Promise<T & VerifiedClaims> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const secret = header.kid ? keys.keys[header.kid] : undefined;
        if (!secret) throw new AppError('token_invalid', 'Token signed with an unknown key');
        return secretBytes(secret);
      },
      { algorithms: ['HS256'], issuer: TOKEN_ISSUER, currentDate: new Date(now) },
    );
    if (payload.typ !== typ) throw new AppError('token_invalid', `Expected a ${typ} token`);
    return payload as unknown as T & VerifiedClaims;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof errors.JWTExpired)
      throw new AppError('token_expired', 'Token has expired');
    throw new AppError('token_invalid', 'Token is not valid');
  }
}
