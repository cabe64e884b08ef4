import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { allBehaviours } from '../../../edge/behaviours';
import { synthTestApp } from '../../testing/test-app';

const { edge } = synthTestApp();
const template = Template.fromStack(edge);
const functions = template.findResources('AWS::CloudFront::Function');
const functionId = Object.keys(functions).find((id) => id.includes('CheckAccessToken'));
const [storeId] = Object.keys(template.findResources('AWS::CloudFront::KeyValueStore'));

describe('edge functions', () => {
  it('runs every CloudFront Function, the access-token check included, on cloudfront-js-2.0, published live', () => {
    expect(functionId).toBeDefined();
    for (const [id, fn] of Object.entries(functions)) {
      expect(fn.Properties.FunctionConfig.Runtime, id).toBe('cloudfront-js-2.0');
      expect(fn.Properties.AutoPublish, id).toBe(true);
    }
  });

  it('associates the token KeyValueStore with the function (the only place it reads keys from)', () => {
    expect(storeId).toBeDefined();
    expect(functions[functionId as string]?.Properties.FunctionConfig).toMatchObject({
      KeyValueStoreAssociations: [{ KeyValueStoreARN: { 'Fn::GetAtt': [storeId, 'Arn'] } }],
    });
  });

  it('attaches the function on viewer-request to exactly the behaviours that name it', () => {
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const config = distribution?.Properties.DistributionConfig;
    const attached = [
      ...config.CacheBehaviors,
      { ...config.DefaultCacheBehavior, PathPattern: '*' },
    ]
      .filter((b: { FunctionAssociations?: { FunctionARN: unknown; EventType: string }[] }) =>
        (b.FunctionAssociations ?? []).some(
          (f) =>
            f.EventType === 'viewer-request' &&
            JSON.stringify(f.FunctionARN).includes(functionId as string),
        ),
      )
      .map((b: { PathPattern: string }) => b.PathPattern)
      .sort();
    const expected = allBehaviours
      .filter((b) => b.viewerRequest === 'check-access-token')
      .map((b) => b.pathPattern)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(attached).toEqual(expected);
  });

  it('runs the waiting room as Lambda@Edge on Node 22 with no environment variables', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('waiting room'),
      Runtime: 'nodejs22.x',
      Environment: Match.absent(),
    });
  });
});
