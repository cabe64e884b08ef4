import { hkdfSync } from 'node:crypto';
import type { TokenKeys } from '../../../edge/token';
import type { AccountSecrets } from './tokens';

function derive(secret: string, label: string): string {
  return Buffer.from(hkdfSync('sha256', secret, 'floodgate-accounts', label, 32)).toString(
    'base64url',
  );
}

/**
 * Account secrets derived (HKDF-SHA256) from the active waiting-room token secret, when
 * `ACCOUNT_LINK_SECRET` / `ACCOUNT_SESSION_SECRET` are not set: each use still has its own key
 * (a token of one kind never verifies as another), and no extra secret is needed to start.
 * Rotating the token key then also ends every session, so production sets both explicitly.
 * @example deriveAccountSecrets(DEV_TOKEN_KEYS).linkSecret.length === 43
 */
export function deriveAccountSecrets(tokenKeys: TokenKeys): AccountSecrets {
  const base = tokenKeys.keys[tokenKeys.activeKid] ?? '';
  return { linkSecret: derive(base, 'sign-in link'), sessionSecret: derive(base, 'session') };
}
