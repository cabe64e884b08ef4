import {
  type Behaviour,
  behaviours,
  type CachePolicySpec,
  catalogCache,
  defaultBehaviour,
} from '../../edge/behaviours';

/** minTtl 20, maxTtl 120, keyed on the `page` query string only. */
export const clampedCache: CachePolicySpec = {
  name: 'test-clamped',
  minTtl: 20,
  defaultTtl: 60,
  maxTtl: 120,
  queryStrings: { allow: ['page'] },
  headers: 'none',
  cookies: 'none',
  gzip: true,
  brotli: true,
};

/**
 * The real behaviours table, with two test behaviours in front: `/clamped/*` (TTL bounds) and
 * `/any/*` (all methods on a caching policy, to prove only GET/HEAD are cached).
 */
export const testTable: readonly Behaviour[] = [
  {
    pathPattern: '/clamped/*',
    origin: 'api',
    allowedMethods: 'GET_HEAD',
    cachePolicy: clampedCache,
    compress: true,
    purpose: 'test: TTL clamping',
  },
  {
    pathPattern: '/any/*',
    origin: 'api',
    allowedMethods: 'ALL',
    cachePolicy: catalogCache,
    compress: true,
    purpose: 'test: every method on a caching behaviour',
  },
  ...behaviours,
  defaultBehaviour,
];
