import { z } from 'zod';
import {
  DEV_EDGE_CONFIG,
  type EdgeBundledConfig,
  parseEdgeConfig,
} from '../../edge/waiting-room/bundled-config';

/** Everything the CDK app needs, read once in `infra/bin/app.ts`. Props below are `readonly`. */
export interface InfraConfig {
  /** Account to deploy to; a placeholder when synthesizing offline. */
  readonly account: string;
  /** The app's home region (origin, state, pipeline). The edge stack is always us-east-1. */
  readonly region: string;
  /** Optional custom domain for the distribution; needs `certificateArn` (ACM, us-east-1). */
  readonly domain?: string;
  readonly certificateArn?: string;
  /**
   * Where buyers reach the storefront (`publicUrl` context, else `https://<domain>`): the origin
   * puts it in sign-in links and emails. Without a custom domain, set it to the distribution's
   * `https://dxxxx.cloudfront.net` after the first deploy; until then sign-in answers 503.
   */
  readonly publicUrl?: string;
  /** Who gets alarm mail (deployment alarms, 5xx). */
  readonly alarmEmail?: string;
  /** On-sale times: the origin scales out before each. */
  readonly onSaleTimes: readonly Date[];
  /** CodeStar connection to the Git host, `owner/name` and branch the pipeline builds. */
  readonly connectionArn: string;
  readonly repository: string;
  readonly branch: string;
  /** The home region's CloudFront origin-facing prefix list (`pl-…`); locks the ALB to CloudFront. */
  readonly cloudFrontPrefixListId?: string;
  /** Two AZs of the home region for the VPC; absent → `<region>a`, `<region>b`. */
  readonly availabilityZones?: readonly string[];
  /** Storefront build output deployed to S3; skipped with a warning when absent. */
  readonly webDistDir: string;
  /** Baked into the Lambda@Edge bundle (it has no env vars); its keys also seed the KVS. */
  readonly edge: EdgeBundledConfig;
  /** True when the edge secrets were not supplied: synth works, deploy would not. */
  readonly edgeUsesPlaceholders: boolean;
  /**
   * `allowPlaceholders=true`: synthesize for a real account even without the edge secrets
   * (placeholders in the bundle; never deploy that). Without it such a synth fails.
   */
  readonly allowPlaceholders: boolean;
}

/** Placeholders so `cdk synth` works offline; every one of them is refused by a real deploy. */
export const PLACEHOLDER = {
  account: '000000000000',
  connectionArn:
    'arn:aws:codeconnections:us-east-1:000000000000:connection/00000000-0000-0000-0000-000000000000',
  upstashUrl: 'https://placeholder.upstash.invalid',
  upstashToken: 'placeholder-token',
} as const;

const isoList = z
  .string()
  .transform((raw) => raw.split(',').map((part) => part.trim()))
  .pipe(z.array(z.iso.datetime({ offset: true })).max(50))
  .transform((list) => list.map((value) => new Date(value)));

const tokenKeysSchema = z
  .object({ activeKid: z.string().min(1), keys: z.record(z.string(), z.string().min(32)) })
  .refine((k) => Object.hasOwn(k.keys, k.activeKid), 'activeKid must name a key in keys');

/** Raw values: CDK context first, then environment. Empty strings count as absent. */
export type ReadSetting = (contextKey: string, envKey?: string) => string | undefined;

/**
 * Reads and validates the app's settings once, failing with a message naming the bad setting.
 * Context keys: account, region, domain, certificateArn, alarmEmail, onSaleTimes (comma-separated
 * ISO times), connectionArn, repository, branch, webDistDir, availabilityZones (comma-separated), edgeKeyPrefix, cloudFrontPrefixListId, allowPlaceholders. Edge secrets come from the
 * environment only (UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN, FLOODGATE_TOKEN_KEYS), which
 * CodeBuild fills from Secrets Manager; they never sit in the repository or the template.
 * @example readInfraConfig((key, env) => app.node.tryGetContext(key) ?? (env && process.env[env]))
 */
export function readInfraConfig(read: ReadSetting): InfraConfig {
  const get = (key: string, env?: string) => {
    const value = read(key, env);
    return value === undefined || value === '' ? undefined : String(value);
  };
  const parse = <T>(name: string, schema: z.ZodType<T>, value: unknown): T => {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new Error(`infra setting "${name}" is invalid: ${result.error.issues[0]?.message}`);
    }
    return result.data;
  };

  const upstashUrl = get('upstashUrl', 'UPSTASH_REDIS_REST_URL');
  const upstashToken = get('upstashToken', 'UPSTASH_REDIS_REST_TOKEN');
  const tokenKeysJson = get('tokenKeys', 'FLOODGATE_TOKEN_KEYS');
  const edgeUsesPlaceholders = !upstashUrl || !upstashToken || !tokenKeysJson;
  const tokenKeys = tokenKeysJson
    ? parse('FLOODGATE_TOKEN_KEYS', tokenKeysSchema, JSON.parse(tokenKeysJson))
    : { activeKid: 'placeholder', keys: { placeholder: 'x'.repeat(43) } };

  const onSale = get('onSaleTimes', 'FLOODGATE_ON_SALE_TIMES');
  return {
    account: parse(
      'account',
      z.string().regex(/^\d{12}$/),
      get('account', 'CDK_DEFAULT_ACCOUNT') ?? PLACEHOLDER.account,
    ),
    region: parse(
      'region',
      z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
      get('region', 'CDK_DEFAULT_REGION') ?? 'eu-west-1',
    ),
    domain: get('domain'),
    certificateArn: get('certificateArn'),
    publicUrl:
      get('publicUrl') !== undefined
        ? parse('publicUrl', z.url(), get('publicUrl'))
        : get('domain') && `https://${get('domain')}`,
    alarmEmail: get('alarmEmail') && parse('alarmEmail', z.email(), get('alarmEmail')),
    onSaleTimes: onSale ? parse('onSaleTimes', isoList, onSale) : [],
    connectionArn: get('connectionArn') ?? PLACEHOLDER.connectionArn,
    repository: parse(
      'repository',
      z.string().regex(/^[\w.-]+\/[\w.-]+$/),
      get('repository') ?? 'floodgate/floodgate',
    ),
    branch: get('branch') ?? 'main',
    cloudFrontPrefixListId:
      get('cloudFrontPrefixListId') &&
      parse(
        'cloudFrontPrefixListId',
        z.string().regex(/^pl-[0-9a-f]+$/),
        get('cloudFrontPrefixListId'),
      ),
    availabilityZones: get('availabilityZones')
      ?.split(',')
      .map((zone) => zone.trim()),
    webDistDir: get('webDistDir') ?? 'dist/web',
    edge: parseEdgeConfig({
      upstash: {
        url: parse('UPSTASH_REDIS_REST_URL', z.url(), upstashUrl ?? PLACEHOLDER.upstashUrl),
        token: upstashToken ?? PLACEHOLDER.upstashToken,
      },
      keys: tokenKeys,
      keyPrefix: get('edgeKeyPrefix') ?? DEV_EDGE_CONFIG.keyPrefix,
      joinRateLimit: DEV_EDGE_CONFIG.joinRateLimit,
    }),
    edgeUsesPlaceholders,
    allowPlaceholders: get('allowPlaceholders') === 'true',
  };
}
