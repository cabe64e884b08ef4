import type { TokenKeys } from '../../../edge/token';
import { deriveAccountSecrets } from './secrets';
import type { AccountSecrets } from './tokens';

/** Buyer accounts, notifications and check-in settings (parsed from the config at start-up). */
export interface AccountSettings {
  secrets: AccountSecrets;
  /** `PUBLIC_URL`: the storefront's address, for links in emails (required in production). */
  publicUrl?: string;
  production: boolean;
  /** `SCANNER_KEYS`: bearer keys door scanners may use for check-in (besides the organizer's). */
  scannerKeys: readonly string[];
  /** Whether `/api/dev/mailbox` serves the local mailbox (never in production). */
  devMailbox: boolean;
  /** Sign-in emails per address per 15 minutes; more are silently not sent. */
  signInsPerWindow: number;
}

/** Local links may point at the loopback address the request came from, nothing else. */
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * Where links in emails point: `PUBLIC_URL`; outside production, a loopback `Origin` of the
 * request (the local edge's port) or `http://localhost:8080`. Never any other request header,
 * so a forged Host cannot make a sign-in email link to someone else's site.
 */
export function linkBase(settings: AccountSettings, requestOrigin?: string): string | undefined {
  if (settings.publicUrl) return settings.publicUrl.replace(/\/+$/, '');
  if (settings.production) return undefined;
  if (requestOrigin && LOOPBACK_ORIGIN.test(requestOrigin)) return requestOrigin;
  return 'http://localhost:8080';
}

/** Development settings: secrets derived from the token keys, the dev mailbox on. */
export function defaultAccountSettings(tokenKeys: TokenKeys): AccountSettings {
  return {
    secrets: deriveAccountSecrets(tokenKeys),
    production: false,
    scannerKeys: [],
    devMailbox: true,
    signInsPerWindow: 5,
  };
}
