import { Annotations, Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import {
  type AllowedMethods,
  type CachePolicySpec,
  cachingDisabled,
  type KeyBehaviour,
  type OriginRequestPolicySpec,
} from '../../../edge/behaviours';

/**
 * Translates the behaviours table's policy specs (edge/behaviours.ts) into CloudFront policies,
 * one CDK object per spec name, so behaviours sharing a spec share one policy.
 */
export class PolicyFactory {
  private readonly cache = new Map<string, cloudfront.ICachePolicy>();
  private readonly originRequest = new Map<string, cloudfront.IOriginRequestPolicy>();

  constructor(private readonly scope: Construct) {}

  /** The managed CachingDisabled policy for {@link cachingDisabled}, else a custom policy. */
  cachePolicy(spec: CachePolicySpec): cloudfront.ICachePolicy {
    const existing = this.cache.get(spec.name);
    if (existing) return existing;
    const policy =
      spec.name === cachingDisabled.name
        ? cloudfront.CachePolicy.CACHING_DISABLED
        : new cloudfront.CachePolicy(this.scope, `Cache-${spec.name}`, {
            cachePolicyName: spec.name,
            comment: `Floodgate ${spec.name} (from edge/behaviours.ts)`,
            minTtl: Duration.seconds(spec.minTtl),
            defaultTtl: Duration.seconds(spec.defaultTtl),
            maxTtl: Duration.seconds(spec.maxTtl),
            queryStringBehavior: cacheQueryStrings(spec.queryStrings),
            headerBehavior:
              spec.headers === 'none'
                ? cloudfront.CacheHeaderBehavior.none()
                : cloudfront.CacheHeaderBehavior.allowList(...spec.headers.allow),
            cookieBehavior: cacheCookies(spec.cookies),
            enableAcceptEncodingGzip: spec.gzip,
            enableAcceptEncodingBrotli: spec.brotli,
          });
    this.cache.set(spec.name, policy);
    return policy;
  }

  /**
   * A custom origin request policy; `allViewer` forwards every viewer header except Host.
   * Headers CloudFront only forwards through a cache policy are left out, with a warning.
   */
  originRequestPolicy(spec: OriginRequestPolicySpec): cloudfront.IOriginRequestPolicy {
    const existing = this.originRequest.get(spec.name);
    if (existing) return existing;
    const headers = forwardableHeaders(spec.headers);
    if (typeof spec.headers === 'object' && typeof headers === 'object') {
      const refused = spec.headers.allow.filter((h) => !headers.allow.includes(h));
      if (refused.length > 0) {
        Annotations.of(this.scope).addWarningV2(
          'floodgate:header-not-forwardable',
          `origin request policy ${spec.name}: CloudFront forwards ${refused.join(', ')} only ` +
            'through a cache policy; left out (move it to the cache key in edge/behaviours.ts)',
        );
      }
    }
    const policy = new cloudfront.OriginRequestPolicy(this.scope, `Origin-${spec.name}`, {
      originRequestPolicyName: spec.name,
      comment: `Floodgate ${spec.name} (from edge/behaviours.ts)`,
      queryStringBehavior:
        spec.queryStrings === 'none'
          ? cloudfront.OriginRequestQueryStringBehavior.none()
          : spec.queryStrings === 'all'
            ? cloudfront.OriginRequestQueryStringBehavior.all()
            : cloudfront.OriginRequestQueryStringBehavior.allowList(...spec.queryStrings.allow),
      // Host must stay the origin's own name: the ALB (and any TLS certificate) expects it.
      headerBehavior:
        headers === 'none'
          ? cloudfront.OriginRequestHeaderBehavior.none()
          : headers === 'allViewer'
            ? cloudfront.OriginRequestHeaderBehavior.denyList('host')
            : cloudfront.OriginRequestHeaderBehavior.allowList(...headers.allow),
      cookieBehavior:
        spec.cookies === 'none'
          ? cloudfront.OriginRequestCookieBehavior.none()
          : spec.cookies === 'all'
            ? cloudfront.OriginRequestCookieBehavior.all()
            : cloudfront.OriginRequestCookieBehavior.allowList(...spec.cookies.allow),
    });
    this.originRequest.set(spec.name, policy);
    return policy;
  }
}

/** Headers an origin request policy may not name (CloudFront forwards them via the cache key). */
export const CACHE_KEY_ONLY_HEADERS: readonly string[] = ['authorization', 'accept-encoding'];

/** The table's forwarded headers minus those only a cache policy can forward. */
export function forwardableHeaders(
  headers: OriginRequestPolicySpec['headers'],
): OriginRequestPolicySpec['headers'] {
  if (typeof headers !== 'object') return headers;
  const allow = headers.allow.filter((h) => !CACHE_KEY_ONLY_HEADERS.includes(h.toLowerCase()));
  return allow.length > 0 ? { allow } : 'none';
}

function cacheQueryStrings(key: KeyBehaviour): cloudfront.CacheQueryStringBehavior {
  if (key === 'none') return cloudfront.CacheQueryStringBehavior.none();
  if (key === 'all') return cloudfront.CacheQueryStringBehavior.all();
  return cloudfront.CacheQueryStringBehavior.allowList(...key.allow);
}

function cacheCookies(key: KeyBehaviour): cloudfront.CacheCookieBehavior {
  if (key === 'none') return cloudfront.CacheCookieBehavior.none();
  if (key === 'all') return cloudfront.CacheCookieBehavior.all();
  return cloudfront.CacheCookieBehavior.allowList(...key.allow);
}

/** The table's method sets mapped to CloudFront's three allowed-method sets. */
export function allowedMethodsOf(methods: AllowedMethods): cloudfront.AllowedMethods {
  switch (methods) {
    case 'GET_HEAD':
      return cloudfront.AllowedMethods.ALLOW_GET_HEAD;
    case 'GET_HEAD_OPTIONS':
      return cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS;
    case 'ALL':
      return cloudfront.AllowedMethods.ALLOW_ALL;
  }
}
