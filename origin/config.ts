import { z } from 'zod';
import { DEV_TOKEN_KEYS, type TokenKeys } from '../edge/token';
import { type AccountConfig, accountConfigFrom, accountEnvShape } from './config-accounts';
import { parseTicketKeys, type TicketKeyRing, TicketKeysError } from './domain/ticket-code-keys';

export { DEV_TOKEN_KEYS };

/** The organizer key used when ORGANIZER_KEY is unset outside production. */
export const DEV_ORGANIZER_KEY = 'dev-organizer-key';

const tokenKeysSchema = z
  .object({
    activeKid: z.string().min(1),
    keys: z.record(z.string().min(1), z.string().min(32, 'secrets need at least 32 characters')),
  })
  .refine((k) => Object.hasOwn(k.keys, k.activeKid), 'activeKid must name a key in keys');

const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DYNAMODB_ENDPOINT: z.url().optional(),
  DYNAMODB_TABLE: z.string().min(3).max(255).default('floodgate'),
  AWS_REGION: z.string().min(1).default('local'),
  REDIS_URL: z.url().optional(),
  ROOM_REDIS_URL: z.url().optional(),
  ROOM_KEY_PREFIX: z.string().min(1).max(64).default('fg:'),
  CLOUDFRONT_DISTRIBUTION_ID: z
    .string()
    .regex(/^[A-Z0-9]{6,32}$/, 'a CloudFront distribution id, e.g. E2ABCDEF123456')
    .optional(),
  EDGE_URL: z.url().optional(),
  ORGANIZER_KEY: z.string().min(8).optional(),
  TOKEN_KEYS: z.string().optional(),
  TICKET_KEYS: z.string().optional(),
  BOOKING_MODE: z.enum(['safe', 'unsafe']).default('safe'),
  FLOODGATE_ALLOW_UNSAFE: z.string().optional(),
  HOLD_LOCK_TTL_MS: positiveInt.max(60_000).default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  METRICS_NAMESPACE: z
    .string()
    .regex(/^[\w.\-/#:]{1,255}$/, 'a CloudWatch namespace, e.g. Floodgate')
    .optional(),
  NODE_ENV: z.string().optional(),
  VITEST: z.string().optional(),
  ...accountEnvShape,
});

/**
 * The origin's settings, parsed once at start-up by {@link parseOriginConfig}; accounts,
 * mailbox and event bus settings in {@link AccountConfig} (origin/config-accounts.ts).
 */
export interface OriginConfig extends AccountConfig {
  port: number;
  dynamoEndpoint?: string;
  dynamoTable: string;
  awsRegion: string;
  /** `REDIS_URL`: seat locks. Absent → in-process memory locks (single-process only). */
  redisUrl?: string;
  /**
   * `ROOM_REDIS_URL`: the waiting room's Redis (the one the edge's room store uses), through
   * which the origin frees slots, reports health and configures admission. Defaults to
   * `REDIS_URL`; when neither is set the caller passes an in-process room store.
   */
  roomRedisUrl?: string;
  /** `ROOM_KEY_PREFIX`: the room store's key prefix, shared with the edge (default `fg:`). */
  roomKeyPrefix: string;
  /** `CLOUDFRONT_DISTRIBUTION_ID`: invalidate CloudFront after organizer changes. */
  cloudfrontDistributionId?: string;
  /** `EDGE_URL`: the local edge, invalidated through `POST /_edge/invalidations` instead. */
  edgeUrl?: string;
  organizerKey: string;
  tokenKeys: TokenKeys;
  /**
   * `TICKET_KEYS`: the Ed25519 keys that sign ticket codes (`{"activeKid","keys":{kid:JWK}}`),
   * separate from the token keys. Absent → a key pair generated at start-up (one process only).
   */
  ticketKeys?: TicketKeyRing;
  /** `unsafe` turns locks and conditional writes off, for the storm demonstration only. */
  bookingMode: 'safe' | 'unsafe';
  holdLockTtlMs: number;
  /** `LOG_LEVEL`: pino level; default `info`, `silent` under tests (NODE_ENV=test or VITEST). */
  logLevel: string;
  /**
   * `METRICS_NAMESPACE`: when set (in AWS), the origin also writes CloudWatch embedded metric
   * format lines to stdout under this namespace; unset → Prometheus `/metrics` only.
   */
  metricsNamespace?: string;
  production: boolean;
}

/** Raised when a setting is missing or bad; the message names the setting. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment into an {@link OriginConfig}, failing with a message that names the
 * bad setting (e.g. `TOKEN_KEYS: activeKid must name a key in keys`).
 * @example const config = parseOriginConfig(process.env);
 */
export function parseOriginConfig(
  env: Record<string, string | undefined> = process.env,
): OriginConfig {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${issue?.path.join('.') || 'config'}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.ORGANIZER_KEY)
    throw new ConfigError('ORGANIZER_KEY: required when NODE_ENV=production');
  if (production && !e.TOKEN_KEYS)
    throw new ConfigError('TOKEN_KEYS: required when NODE_ENV=production');
  // Each process would otherwise sign tickets with its own fresh key: scanners could not keep up.
  if (production && !e.TICKET_KEYS)
    throw new ConfigError('TICKET_KEYS: required when NODE_ENV=production (npm run keys:ticket)');
  if (e.BOOKING_MODE === 'unsafe' && e.FLOODGATE_ALLOW_UNSAFE !== '1')
    throw new ConfigError(
      'BOOKING_MODE: unsafe mode can double-book and is refused unless FLOODGATE_ALLOW_UNSAFE=1',
    );
  const tokenKeys = e.TOKEN_KEYS ? parseTokenKeys(e.TOKEN_KEYS) : DEV_TOKEN_KEYS;
  return {
    ...accountConfigFrom(e, production, tokenKeys),
    port: e.PORT,
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    dynamoTable: e.DYNAMODB_TABLE,
    awsRegion: e.AWS_REGION,
    redisUrl: e.REDIS_URL,
    roomRedisUrl: e.ROOM_REDIS_URL ?? e.REDIS_URL,
    roomKeyPrefix: e.ROOM_KEY_PREFIX,
    cloudfrontDistributionId: e.CLOUDFRONT_DISTRIBUTION_ID,
    edgeUrl: e.EDGE_URL,
    organizerKey: e.ORGANIZER_KEY ?? DEV_ORGANIZER_KEY,
    tokenKeys,
    ticketKeys: e.TICKET_KEYS ? parseTicketKeysSetting(e.TICKET_KEYS) : undefined,
    bookingMode: e.BOOKING_MODE,
    holdLockTtlMs: e.HOLD_LOCK_TTL_MS,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' || e.VITEST ? 'silent' : 'info'),
    metricsNamespace: e.METRICS_NAMESPACE,
    production,
  };
}

function parseTokenKeys(raw: string): TokenKeys {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError(
      'TOKEN_KEYS: not valid JSON (expected {"activeKid","keys":{kid:secret}})',
    );
  }
  const parsed = tokenKeysSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `.${issue.path.join('.')}` : '';
    throw new ConfigError(`TOKEN_KEYS${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function parseTicketKeysSetting(raw: string): TicketKeyRing {
  try {
    return parseTicketKeys(raw);
  } catch (error) {
    if (error instanceof TicketKeysError)
      throw new ConfigError(`TICKET_KEYS${error.field}: ${error.message}`);
    throw error;
  }
}
