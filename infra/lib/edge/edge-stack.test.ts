import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthTestApp } from '../../testing/test-app';
import { ASSET_CACHE_CONTROL, PAGE_CACHE_CONTROL } from '../web/storefront-construct';
import { kvsImport } from './edge-functions-construct';

const { edge } = synthTestApp();
const template = Template.fromStack(edge);

describe('edge stack (us-east-1)', () => {
  it('is in us-east-1, where Lambda@Edge, CLOUDFRONT WAF and certificates must live', () => {
    expect(edge.region).toBe('us-east-1');
  });

  it('rate-limits /wr/{event}/join per IP with a WAF rate-based rule that answers 429', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'join-rate-limit',
          Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
          Statement: {
            RateBasedStatement: {
              AggregateKeyType: 'IP',
              Limit: 100,
              EvaluationWindowSec: 60,
              ScopeDownStatement: {
                AndStatement: {
                  Statements: [
                    Match.objectLike({
                      ByteMatchStatement: Match.objectLike({
                        SearchString: '/wr/',
                        PositionalConstraint: 'STARTS_WITH',
                      }),
                    }),
                    Match.objectLike({
                      ByteMatchStatement: Match.objectLike({
                        SearchString: '/join',
                        PositionalConstraint: 'ENDS_WITH',
                      }),
                    }),
                  ],
                },
              },
            },
          },
        }),
      ]),
    });
  });

  it('keeps every bucket private: public access blocked, TLS enforced', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets).length).toBeGreaterThanOrEqual(2);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    const policies = template.findResources('AWS::S3::BucketPolicy');
    const text = JSON.stringify(policies);
    expect(text).not.toContain('"Principal":"*","Action":"s3:GetObject"');
    expect(text).toContain('aws:SecureTransport');
  });

  it('lets only this distribution read the storefront bucket (Origin Access Control)', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ SigningBehavior: 'always' }),
    });
  });

  it('deploys hashed assets long-lived and pages short, invalidating only with the pages', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      SystemMetadata: { 'cache-control': ASSET_CACHE_CONTROL },
      Prune: false,
      DistributionId: Match.absent(),
    });
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      SystemMetadata: { 'cache-control': PAGE_CACHE_CONTROL },
      DistributionId: Match.anyValue(),
    });
  });

  it('seeds the token key store with kid:<kid> entries and the active kid', () => {
    const doc = JSON.parse(
      kvsImport({ activeKid: 'k2', keys: { k1: 'a'.repeat(43), k2: 'b'.repeat(43) } }),
    );
    expect(doc.data).toEqual([
      { key: 'kid:k1', value: 'a'.repeat(43) },
      { key: 'kid:k2', value: 'b'.repeat(43) },
      { key: 'activeKid', value: 'k2' },
    ]);
    template.hasResourceProperties('AWS::CloudFront::KeyValueStore', {
      ImportSource: { SourceType: 'S3', SourceArn: Match.anyValue() },
    });
  });

  it('ships the compiled access-token check (a global handler reading kid:<kid> from the KVS)', () => {
    const fns = Object.values(template.findResources('AWS::CloudFront::Function'));
    const code = JSON.stringify(fns[0]?.Properties.FunctionCode);
    expect(code).toContain('function handler(');
    expect(code).toContain('kid:');
    expect(code).not.toContain('__FLOODGATE_KVS_ID__');
  });
});
