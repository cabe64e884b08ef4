import type { TokenKeys } from './claims';

/**
 * The fixed local key ring (NOT secret): lets the local edge, the CloudFront Function sandbox and
 * the origin agree on tokens with no set-up. Production passes its own keys (TOKEN_KEYS for the
 * origin, the bundled config for Lambda@Edge, KeyValueStore for the CloudFront Function).
 */
export const DEV_TOKEN_KEYS: TokenKeys = {
  activeKid: 'dev1',
  keys: { dev1: 'floodgate-dev-only-token-key-not-secret-0001' },
};
