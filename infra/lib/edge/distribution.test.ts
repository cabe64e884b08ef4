import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  allBehaviours,
  type Behaviour,
  type CachePolicySpec,
  cachingDisabled,
  errorCaching,
  type KeyBehaviour,
  type OriginRequestPolicySpec,
} from '../../../edge/behaviours';
import { synthTestApp } from '../../testing/test-app';
import { forwardableHeaders } from './policies';

const { edge } = synthTestApp();
const template = Template.fromStack(edge);
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, unknown> }
>;
// biome-ignore lint/suspicious/noExplicitAny: walking raw CloudFormation JSON
type Json = any;
const distributions = Object.values(resources).filter(
  (r) => r.Type === 'AWS::CloudFront::Distribution',
);
if (distributions.length !== 1)
  throw new Error(`expected 1 distribution, got ${distributions.length}`);
const config: Json = (distributions[0] as Json).Properties.DistributionConfig;
const synthesized: Json[] = [
  ...config.CacheBehaviors,
  { ...config.DefaultCacheBehavior, PathPattern: '*' },
];

const METHODS: Record<Behaviour['allowedMethods'], string[]> = {
  GET_HEAD: ['GET', 'HEAD'],
  GET_HEAD_OPTIONS: ['GET', 'HEAD', 'OPTIONS'],
  ALL: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
};
const MANAGED_CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

function refTarget(value: Json): Json {
  const id = value?.Ref ?? value?.['Fn::GetAtt']?.[0];
  const resource = id ? resources[id] : undefined;
  if (!resource) throw new Error(`no resource for ${JSON.stringify(value)}`);
  return resource;
}

function keyConfig(key: KeyBehaviour, list: string) {
  if (key === 'none' || key === 'all') return { [`${list}Behavior`]: key };
  return { [`${list}Behavior`]: 'whitelist', [`${list}s`]: [...key.allow] };
}

function expectedCacheConfig(spec: CachePolicySpec) {
  return {
    Name: spec.name,
    MinTTL: spec.minTtl,
    DefaultTTL: spec.defaultTtl,
    MaxTTL: spec.maxTtl,
    ParametersInCacheKeyAndForwardedToOrigin: {
      EnableAcceptEncodingGzip: spec.gzip,
      EnableAcceptEncodingBrotli: spec.brotli,
      QueryStringsConfig: keyConfig(spec.queryStrings, 'QueryString'),
      HeadersConfig: keyConfig(spec.headers, 'Header'),
      CookiesConfig: keyConfig(spec.cookies, 'Cookie'),
    },
  };
}

function expectedOriginRequestConfig(spec: OriginRequestPolicySpec) {
  const headers = forwardableHeaders(spec.headers);
  return {
    Name: spec.name,
    QueryStringsConfig: keyConfig(spec.queryStrings, 'QueryString'),
    HeadersConfig:
      headers === 'allViewer'
        ? { HeaderBehavior: 'allExcept', Headers: ['host'] }
        : keyConfig(headers, 'Header'),
    CookiesConfig: keyConfig(spec.cookies, 'Cookie'),
  };
}

describe('the distribution generated from edge/behaviours.ts', () => {
  it('has every behaviour of the table, in the same precedence order, default last', () => {
    // Rule ("Cache behavior settings", Path pattern): CloudFront evaluates behaviours in the
    // listed order and the default (*) last, so the order must match the local edge's.
    expect(synthesized.map((b) => b.PathPattern)).toEqual(allBehaviours.map((b) => b.pathPattern));
  });

  describe.each(allBehaviours.map((b, i) => [b.pathPattern, b, synthesized[i]] as const))(
    '%s',
    (_pattern, behaviour, cfn) => {
      it('allows the same methods, compresses the same, and always redirects to HTTPS', () => {
        // Rule ("Cache behavior settings", Allowed HTTP methods, Compress objects automatically,
        // Viewer protocol policy): the deployed behaviour must match the table the local edge runs.
        expect(cfn.AllowedMethods).toEqual(METHODS[behaviour.allowedMethods]);
        expect(cfn.Compress).toBe(behaviour.compress);
        expect(cfn.ViewerProtocolPolicy).toBe('redirect-to-https');
      });

      it("uses the table's cache policy: TTLs and cache key", () => {
        // Rule ("Understand cache policies"; "Use managed cache policies", CachingDisabled): TTLs
        // and the cache key (query strings, headers, cookies, Gzip/Brotli) come from the policy.
        if (behaviour.cachePolicy.name === cachingDisabled.name) {
          expect(cfn.CachePolicyId).toBe(MANAGED_CACHING_DISABLED);
          expect([
            cachingDisabled.minTtl,
            cachingDisabled.defaultTtl,
            cachingDisabled.maxTtl,
          ]).toEqual([0, 0, 0]);
          return;
        }
        const policy = refTarget(cfn.CachePolicyId);
        expect(policy.Type).toBe('AWS::CloudFront::CachePolicy');
        expect(policy.Properties.CachePolicyConfig).toMatchObject(
          expectedCacheConfig(behaviour.cachePolicy),
        );
      });

      it("forwards what the table's origin request policy forwards, and nothing when it has none", () => {
        // Rule ("Control origin requests with a policy"): an origin request policy adds values to
        // origin requests without keying the cache; all viewer headers means all but Host.
        if (!behaviour.originRequestPolicy) {
          expect(cfn.OriginRequestPolicyId).toBeUndefined();
          return;
        }
        const policy = refTarget(cfn.OriginRequestPolicyId);
        expect(policy.Properties.OriginRequestPolicyConfig).toMatchObject(
          expectedOriginRequestConfig(behaviour.originRequestPolicy),
        );
      });

      it('runs the same edge code: CloudFront Function on viewer-request, Lambda@Edge on origin-request', () => {
        // Rule ("Restrictions on all edge functions", Combining CloudFront Functions with
        // Lambda@Edge): one function per event type; a CloudFront Function on viewer request and
        // Lambda@Edge on origin request may share a behaviour.
        if (behaviour.viewerRequest) {
          expect(cfn.FunctionAssociations).toHaveLength(1);
          expect(cfn.FunctionAssociations[0].EventType).toBe('viewer-request');
          expect(refTarget(cfn.FunctionAssociations[0].FunctionARN).Type).toBe(
            'AWS::CloudFront::Function',
          );
        } else {
          expect(cfn.FunctionAssociations).toBeUndefined();
        }
        if (behaviour.originRequest) {
          expect(cfn.LambdaFunctionAssociations).toEqual([
            expect.objectContaining({ EventType: 'origin-request', IncludeBody: true }),
          ]);
          expect(refTarget(cfn.LambdaFunctionAssociations[0].LambdaFunctionARN).Type).toBe(
            'AWS::Lambda::Version',
          );
        } else {
          expect(cfn.LambdaFunctionAssociations).toBeUndefined();
        }
      });

      it('sends cache misses to the right origin (S3 with OAC, or the ALB)', () => {
        // Rule ("Restrict access to an Amazon S3 origin"): the bucket is reached through origin
        // access control; the API is a custom origin over HTTP to the ALB.
        const origin = config.Origins.find((o: Json) => o.Id === cfn.TargetOriginId);
        if (behaviour.origin === 'storefront') {
          expect(origin.S3OriginConfig).toBeDefined();
          expect(refTarget(origin.OriginAccessControlId).Type).toBe(
            'AWS::CloudFront::OriginAccessControl',
          );
        } else {
          expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'http-only' });
        }
      });
    },
  );

  it('attaches the WAF web ACL and writes access logs', () => {
    // Rule ("Use AWS WAF protections"; "Standard logging (access logs)"): the web ACL is
    // attached to the distribution, and logs go to an S3 bucket with a prefix.
    expect(refTarget(config.WebACLId).Type).toBe('AWS::WAFv2::WebACL');
    expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/' });
  });

  it('runs the waiting room on Node 22 and the token check on cloudfront-js-2.0 with the key store', () => {
    // Rule ("Restrictions on Lambda@Edge", Supported runtimes; "Amazon CloudFront
    // KeyValueStore"): a Node.js runtime for Lambda@Edge; KVS needs runtime 2.0 and an
    // association with the function.
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
    });
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({
        Runtime: 'cloudfront-js-2.0',
        KeyValueStoreAssociations: [Match.objectLike({ KeyValueStoreARN: Match.anyValue() })],
      }),
    });
    template.resourceCountIs('AWS::CloudFront::KeyValueStore', 1);
  });

  it('rewrites storefront app paths with the spa-rewrite function on the default behaviour, not a custom error response', () => {
    // Rule ("Generate custom error responses"): custom error responses apply to the whole
    // distribution, so none may carry a page: an API 404 would become index.html.
    // Custom error responses apply to the whole distribution: an API 404 would become index.html.
    for (const response of config.CustomErrorResponses ?? []) {
      expect(response.ResponsePagePath, JSON.stringify(response)).toBeUndefined();
    }
    const association = config.DefaultCacheBehavior.FunctionAssociations?.[0];
    expect(association?.EventType).toBe('viewer-request');
    const fn = refTarget(association.FunctionARN);
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.Properties.FunctionConfig.KeyValueStoreAssociations).toBeUndefined();
    expect(fn.Properties.FunctionCode).toContain('request.uri = "/index.html"');
    const apiFn = synthesized.find((b) => b.PathPattern === '/api/*').FunctionAssociations[0];
    expect(refTarget(apiFn.FunctionARN)).not.toBe(fn);
  });

  it("caches errors only as long as the table's error caching says, with no error pages", () => {
    // Rule ("Control how long CloudFront caches errors"): the error caching minimum TTL is set
    // per status code by a custom error response; without one CloudFront caches errors 10 s,
    // also on CachingDisabled behaviours. The table's 0 s for 5xx reaches the template.
    expect(config.CustomErrorResponses).toEqual(
      errorCaching.map((e) => ({ ErrorCode: e.status, ErrorCachingMinTTL: e.minTtl })),
    );
    const codes = errorCaching.map((e) => e.status);
    for (const status of [500, 502, 503, 504]) expect(codes).toContain(status);
  });

  it('never lists authorization in an origin request policy (CloudFront refuses it there)', () => {
    // Rule ("Control origin requests with a policy"): Authorization cannot be in an origin
    // request policy; only a cache policy can forward it.
    const policies = Object.values(resources).filter(
      (r) => r.Type === 'AWS::CloudFront::OriginRequestPolicy',
    );
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties).toLowerCase()).not.toContain('authorization');
    }
  });

  it('trusts edgelambda.amazonaws.com to run the waiting room', () => {
    // Rule ("Set up IAM permissions and roles for Lambda@Edge"): the execution role must be
    // assumable by lambda.amazonaws.com and edgelambda.amazonaws.com.
    const [fn] = Object.values(resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime === 'nodejs22.x',
    );
    const role = refTarget(fn?.Properties.Role);
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain(
      'edgelambda.amazonaws.com',
    );
  });
});
