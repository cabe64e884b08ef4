/**
 * The behaviours table: the single source of truth for how the CDN routes and caches.
 * The CDK distribution (infra/) and the local edge (edge/local/) are both generated from it,
 * and a test synthesizes the stack and checks the two agree.
 *
 * Order matters: CloudFront evaluates path patterns in this order and uses the first match;
 * {@link defaultBehaviour} (`*`) is last.
 */

/** Where a behaviour sends a request that is not answered at the edge. */
export type OriginId = 'storefront' | 'api';

export type AllowedMethods = 'GET_HEAD' | 'GET_HEAD_OPTIONS' | 'ALL';

/** An allow-list, or nothing / everything. Mirrors CloudFront's cache-key and forwarding options. */
export type KeyBehaviour = 'none' | 'all' | { readonly allow: readonly string[] };

/** CloudFront cache policy: TTL bounds and the cache key. */
export interface CachePolicySpec {
  readonly name: string;
  readonly minTtl: number;
  readonly defaultTtl: number;
  readonly maxTtl: number;
  readonly queryStrings: KeyBehaviour;
  /** Headers in the cache key (lower-case). 'all' is not allowed by CloudFront for cache keys. */
  readonly headers: 'none' | { readonly allow: readonly string[] };
  readonly cookies: KeyBehaviour;
  readonly gzip: boolean;
  readonly brotli: boolean;
}

/** CloudFront origin request policy: what is forwarded to the origin without keying the cache. */
export interface OriginRequestPolicySpec {
  readonly name: string;
  readonly queryStrings: KeyBehaviour;
  readonly headers: 'none' | 'allViewer' | { readonly allow: readonly string[] };
  readonly cookies: KeyBehaviour;
}

/**
 * Edge code attached to a behaviour, by name. CloudFront Functions are files in
 * edge/viewer-request/ (compiled by compile.ts); infra/lib/edge/ and the local edge map each
 * name to its code, so a new name fails to compile until both know it.
 */
export type ViewerRequestFunction = 'check-access-token' | 'spa-rewrite';
export type OriginRequestLambda = 'waiting-room';

export interface Behaviour {
  readonly pathPattern: string;
  readonly origin: OriginId;
  readonly allowedMethods: AllowedMethods;
  readonly cachePolicy: CachePolicySpec;
  readonly originRequestPolicy?: OriginRequestPolicySpec;
  /** CloudFront Function on viewer-request (one per behaviour). */
  readonly viewerRequest?: ViewerRequestFunction;
  /** Lambda@Edge on origin-request: runs on a cache miss only; its generated responses are cached. */
  readonly originRequest?: OriginRequestLambda;
  readonly compress: boolean;
  /** One line for humans: why this behaviour exists. */
  readonly purpose: string;
}

const YEAR = 31_536_000;

/** Never cached: buying, admin. Mirrors the managed CachingDisabled policy. */
export const cachingDisabled: CachePolicySpec = {
  name: 'CachingDisabled',
  minTtl: 0,
  defaultTtl: 0,
  maxTtl: 0,
  queryStrings: 'none',
  headers: 'none',
  cookies: 'none',
  gzip: false,
  brotli: false,
};

/** The catalog: the origin decides with `s-maxage` / `stale-while-revalidate`; up to an hour. */
export const catalogCache: CachePolicySpec = {
  name: 'floodgate-catalog',
  minTtl: 0,
  defaultTtl: 0,
  maxTtl: 3600,
  queryStrings: 'all',
  headers: 'none',
  cookies: 'none',
  gzip: true,
  brotli: true,
};

/** Waiting-room state is identical for everyone: cached ~1 s so pollers cost the origin little. */
export const waitingRoomCache: CachePolicySpec = {
  name: 'floodgate-waiting-room',
  minTtl: 0,
  defaultTtl: 0,
  maxTtl: 5,
  queryStrings: 'none',
  headers: 'none',
  cookies: 'none',
  gzip: true,
  brotli: true,
};

/** Hashed build assets never change under one name. */
export const immutableAssetsCache: CachePolicySpec = {
  name: 'floodgate-assets',
  minTtl: YEAR,
  defaultTtl: YEAR,
  maxTtl: YEAR,
  queryStrings: 'none',
  headers: 'none',
  cookies: 'none',
  gzip: true,
  brotli: true,
};

/** index.html and other unhashed files: short, so a release shows up within a minute. */
export const pageCache: CachePolicySpec = {
  name: 'floodgate-pages',
  minTtl: 0,
  defaultTtl: 60,
  maxTtl: 300,
  queryStrings: 'none',
  headers: 'none',
  cookies: 'none',
  gzip: true,
  brotli: true,
};

/** Everything the viewer sent (but Host) reaches the origin: tokens, cookies, idempotency keys. */
export const forwardAll: OriginRequestPolicySpec = {
  name: 'floodgate-forward-all',
  queryStrings: 'all',
  headers: 'allViewer',
  cookies: 'all',
};

/**
 * The waiting room needs its own cookies (client secret, ticket) but keys nothing on them.
 * No `authorization`: CloudFront refuses it in an origin request policy (only a cache policy
 * can forward it), and the waiting room reads its tickets from the body or cookies.
 */
export const forwardWaitingRoom: OriginRequestPolicySpec = {
  name: 'floodgate-waiting-room',
  queryStrings: 'none',
  headers: { allow: ['user-agent', 'content-type', 'x-floodgate-client', 'x-request-id'] },
  cookies: { allow: ['fg_client', 'fg_ticket', 'fg_access'] },
};

export const behaviours: readonly Behaviour[] = [
  {
    pathPattern: '/api/admin/*',
    origin: 'api',
    allowedMethods: 'ALL',
    cachePolicy: cachingDisabled,
    originRequestPolicy: forwardAll,
    compress: true,
    purpose: 'Organizer API: authenticated by organizer key at the origin, never cached.',
  },
  {
    pathPattern: '/api/catalog/*',
    origin: 'api',
    allowedMethods: 'GET_HEAD',
    cachePolicy: catalogCache,
    compress: true,
    purpose: "Events, venue maps and availability: cached by the origin's s-maxage.",
  },
  {
    pathPattern: '/api/docs*',
    origin: 'api',
    allowedMethods: 'GET_HEAD',
    cachePolicy: pageCache,
    compress: true,
    purpose: 'OpenAPI document and its viewer.',
  },
  {
    pathPattern: '/api/orders/*',
    origin: 'api',
    allowedMethods: 'GET_HEAD',
    cachePolicy: cachingDisabled,
    originRequestPolicy: forwardAll,
    compress: true,
    purpose: 'Order lookup by order id and order secret; readable after the access token ended.',
  },
  {
    pathPattern: '/api/account/*',
    origin: 'api',
    allowedMethods: 'ALL',
    cachePolicy: cachingDisabled,
    originRequestPolicy: forwardAll,
    compress: true,
    purpose: 'Buyer accounts (magic-link sign-in, session cookie, my orders): never cached.',
  },
  {
    pathPattern: '/api/checkin*',
    origin: 'api',
    allowedMethods: 'ALL',
    cachePolicy: cachingDisabled,
    originRequestPolicy: forwardAll,
    compress: true,
    purpose: 'Ticket check-in at the door: organizer or scanner key at the origin, never cached.',
  },
  {
    pathPattern: '/api/dev/*',
    origin: 'api',
    allowedMethods: 'GET_HEAD',
    cachePolicy: cachingDisabled,
    originRequestPolicy: forwardAll,
    compress: true,
    purpose: 'Local mailbox for developers (the origin answers 404 in production).',
  },
  {
    pathPattern: '/wr/*',
    origin: 'api',
    allowedMethods: 'ALL',
    cachePolicy: waitingRoomCache,
    originRequestPolicy: forwardWaitingRoom,
    originRequest: 'waiting-room',
    compress: true,
    purpose: 'Waiting room (Lambda@Edge): join, state (cached ~1 s), admit.',
  },
  {
    pathPattern: '/api/*',
    origin: 'api',
    allowedMethods: 'ALL',
    cachePolicy: cachingDisabled,
    originRequestPolicy: forwardAll,
    viewerRequest: 'check-access-token',
    compress: true,
    purpose: 'Buying (holds, checkout): access token checked at the edge on every request.',
  },
  {
    pathPattern: '/assets/*',
    origin: 'storefront',
    allowedMethods: 'GET_HEAD',
    cachePolicy: immutableAssetsCache,
    compress: true,
    purpose: 'Hashed storefront assets from S3.',
  },
];

export const defaultBehaviour: Behaviour = {
  pathPattern: '*',
  origin: 'storefront',
  allowedMethods: 'GET_HEAD',
  cachePolicy: pageCache,
  viewerRequest: 'spa-rewrite',
  compress: true,
  purpose:
    'Storefront pages from S3; the spa-rewrite function maps app paths (no file extension) to ' +
    '/index.html, instead of a distribution-wide custom error response that would also hit /api/*.',
};

/** Every behaviour in CloudFront precedence order, default last. */
export const allBehaviours: readonly Behaviour[] = [...behaviours, defaultBehaviour];

/** One status code's error caching: a CloudFront custom error response without a page. */
export interface ErrorCachingSpec {
  readonly status: number;
  /** `ErrorCachingMinTTL`, seconds. */
  readonly minTtl: number;
}

/**
 * Distribution-wide error caching, for every behaviour at once (CloudFront has no per-behaviour
 * setting). CloudFront keeps a GET/HEAD error for the error caching minimum TTL, 10 s unless
 * set, even under CachingDisabled: a max TTL of 0 only cancels the origin's own max-age. Those
 * behaviours key on the path alone, so one buyer's 403 or a passing 503 on `/api/*` would be
 * served to every buyer of that URL for 10 s. These are the codes an origin's `no-store`
 * cannot keep out of the cache; 404, 414 and 501 honour it (every origin error sends it), so
 * storefront 404s keep the 10 s default.
 */
export const errorCaching: readonly ErrorCachingSpec[] = [400, 403, 405, 500, 502, 503, 504].map(
  (status) => ({ status, minTtl: 0 }),
);
