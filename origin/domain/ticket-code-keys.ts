import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import { z } from 'zod';
import type { TicketPublicKeys, TicketSigningKey } from './ticket-code';

/** The origin's ticket keys: one to sign with, and every public key scanners should accept. */
export interface TicketKeyRing {
  signing: TicketSigningKey;
  publicKeys: TicketPublicKeys;
}

const KID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/** An Ed25519 key part: 32 bytes, base64url without padding. */
const KEY_PART = /^[A-Za-z0-9_-]{43}$/;

const ed25519Jwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(KEY_PART, '32 bytes, base64url'),
  d: z.string().regex(KEY_PART, '32 bytes, base64url').optional(),
});

const ticketKeysSchema = z
  .object({
    activeKid: z.string().regex(KID_PATTERN, '1–32 letters, digits, _ or -'),
    keys: z.record(z.string().regex(KID_PATTERN, '1–32 letters, digits, _ or -'), ed25519Jwk),
  })
  .refine((k) => Object.hasOwn(k.keys, k.activeKid), 'activeKid must name a key in keys')
  .refine((k) => k.keys[k.activeKid]?.d !== undefined, 'the active key needs its private part d');

/** A bad `TICKET_KEYS` value: `field` is where (e.g. `.keys.t1.x`, or '' for the whole value). */
export class TicketKeysError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'TicketKeysError';
  }
}

/** The public JWK scanners get for a kid (no private part, usage pinned to EdDSA signatures). */
function publicJwk(kid: string, jwk: { x: string }): JWK {
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' };
}

/**
 * Parses the `TICKET_KEYS` setting: `{"activeKid":"t2","keys":{"t2":{private Ed25519 JWK},
 * "t1":{public JWK of a retired key}}}`. The active key signs; every listed key is published
 * so tickets issued before a rotation still verify. Checks that the active private key matches
 * its public part.
 * @throws TicketKeysError naming the bad field.
 * @example parseTicketKeys(process.env.TICKET_KEYS)
 */
export function parseTicketKeys(raw: string): TicketKeyRing {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new TicketKeysError(
      '',
      'not valid JSON (expected {"activeKid","keys":{kid:Ed25519 JWK}})',
    );
  }
  const parsed = ticketKeysSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? `.${issue.path.join('.')}` : '';
    throw new TicketKeysError(field, issue?.message ?? 'invalid');
  }
  const { activeKid, keys } = parsed.data;
  const active = keys[activeKid] as z.infer<typeof ed25519Jwk> & { d: string };
  let derivedX: string | undefined;
  try {
    const privateKey = createPrivateKey({ key: { ...active }, format: 'jwk' });
    derivedX = createPublicKey(privateKey).export({ format: 'jwk' }).x;
  } catch {
    derivedX = undefined;
  }
  if (derivedX !== active.x) {
    throw new TicketKeysError(`.keys.${activeKid}`, 'the private part d does not match x');
  }
  return {
    signing: {
      kid: activeKid,
      privateJwk: { kty: 'OKP', crv: 'Ed25519', x: active.x, d: active.d },
    },
    publicKeys: { keys: Object.entries(keys).map(([kid, jwk]) => publicJwk(kid, jwk)) },
  };
}

/**
 * A fresh Ed25519 key ring for a process started without `TICKET_KEYS` (local runs, tests):
 * tickets it signs verify only against the public key it publishes, so configure
 * `TICKET_KEYS` wherever several processes sell the same event.
 */
export function generateTicketKeyRing(): TicketKeyRing {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const kid = `dev-${randomBytes(4).toString('hex')}`;
  const x = jwk.x as string;
  return {
    signing: { kid, privateJwk: { kty: 'OKP', crv: 'Ed25519', x, d: jwk.d as string } },
    publicKeys: { keys: [publicJwk(kid, { x })] },
  };
}

/**
 * The `TICKET_KEYS` value for a key ring (the inverse of {@link parseTicketKeys}): how one
 * process hands its ring to the others that sell the same event, so every origin signs with,
 * and publishes, the same keys.
 * @example env.TICKET_KEYS = ticketKeysSetting(generateTicketKeyRing())
 */
export function ticketKeysSetting(ring: TicketKeyRing): string {
  const keys: Record<string, { kty: 'OKP'; crv: 'Ed25519'; x: string; d?: string }> = {};
  for (const jwk of ring.publicKeys.keys) {
    if (jwk.kid && jwk.x) keys[jwk.kid] = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  }
  const { x, d } = ring.signing.privateJwk;
  keys[ring.signing.kid] = { kty: 'OKP', crv: 'Ed25519', x: String(x), d: String(d) };
  return JSON.stringify({ activeKid: ring.signing.kid, keys });
}
