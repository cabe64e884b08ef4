import { z } from 'zod';
import type { TokenKeys } from '../edge/token';
import { deriveAccountSecrets } from './services/accounts/secrets';
import type { AccountSettings } from './services/accounts/settings';

const secret = z.string().min(32, 'secrets need at least 32 characters');

/**
 * Settings of buyer accounts, notifications and check-in (issue 9), merged into the origin's
 * environment schema so a bad one fails start-up with its name.
 */
export const accountEnvShape = {
  /** The storefront's public address, for links in emails (e.g. https://tickets.example.com). */
  PUBLIC_URL: z.url().optional(),
  ACCOUNT_LINK_SECRET: secret.optional(),
  ACCOUNT_SESSION_SECRET: secret.optional(),
  /** Comma-separated bearer keys for door scanners (16+ characters each). */
  SCANNER_KEYS: z
    .string()
    .regex(/^[^,\s]{16,}(,[^,\s]{16,})*$/, 'comma-separated keys of 16+ characters')
    .optional(),
  /** `off` hides `/api/dev/mailbox` locally too; it is always off in production. */
  DEV_MAILBOX: z.enum(['on', 'off']).optional(),
  /** Where the local mailbox keeps its messages; absent → in memory. */
  MAILBOX_DIR: z.string().min(1).optional(),
  /** EventBridge bus for domain events (set in AWS); absent → the in-process bus. */
  EVENT_BUS_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._\-/]{1,256}$/, 'an EventBridge bus name')
    .optional(),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  SIGN_INS_PER_15_MIN: z.coerce.number().int().min(1).max(100).default(5),
};

const accountEnvSchema = z.object(accountEnvShape);
type AccountEnv = z.output<typeof accountEnvSchema>;

/** The parsed settings. */
export interface AccountConfig {
  accounts: AccountSettings;
  mailboxDir?: string;
  eventBusName?: string;
  outboxIntervalMs: number;
}

/**
 * Builds the account settings. Secrets not given are derived from the token key (see
 * `deriveAccountSecrets`); the dev mailbox is on unless `DEV_MAILBOX=off` or production.
 */
export function accountConfigFrom(
  e: AccountEnv,
  production: boolean,
  tokenKeys: TokenKeys,
): AccountConfig {
  const derived = deriveAccountSecrets(tokenKeys);
  return {
    accounts: {
      secrets: {
        linkSecret: e.ACCOUNT_LINK_SECRET ?? derived.linkSecret,
        sessionSecret: e.ACCOUNT_SESSION_SECRET ?? derived.sessionSecret,
      },
      publicUrl: e.PUBLIC_URL,
      production,
      scannerKeys: e.SCANNER_KEYS ? e.SCANNER_KEYS.split(',') : [],
      devMailbox: !production && e.DEV_MAILBOX !== 'off',
      signInsPerWindow: e.SIGN_INS_PER_15_MIN,
    },
    mailboxDir: e.MAILBOX_DIR,
    eventBusName: e.EVENT_BUS_NAME,
    outboxIntervalMs: e.OUTBOX_INTERVAL_MS,
  };
}
