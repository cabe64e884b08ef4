import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthTestApp } from '../../testing/test-app';
import { EVENTS_INDEX, TTL_ATTRIBUTE } from './table-construct';

const { state, origin } = synthTestApp();
const template = Template.fromStack(state);

describe('state: DynamoDB and Redis', () => {
  it('keeps the table on demand with pk/sk string keys', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
    });
  });

  it('has the events index the origin queries (same name and keys as origin/adapters/dynamo)', async () => {
    const { EVENTS_INDEX: originIndex } = await import('../../../origin/adapters/dynamo/keys');
    expect(EVENTS_INDEX.name).toBe(originIndex);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: [
        {
          IndexName: originIndex,
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('has point-in-time recovery, deletion protection and TTL on expiresAtEpoch', () => {
    expect(TTL_ATTRIBUTE).toBe('expiresAtEpoch');
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: { AttributeName: 'expiresAtEpoch', Enabled: true },
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain' });
  });

  it('runs Redis with TLS required, encryption at rest and Multi-AZ failover', () => {
    template.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      Engine: 'redis',
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      AtRestEncryptionEnabled: true,
      MultiAZEnabled: true,
      AutomaticFailoverEnabled: true,
      NumCacheClusters: 2,
    });
  });

  it('lets only the origin tasks reach Redis, and the origin connects over rediss://', () => {
    const groups = template.findResources('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: 'Floodgate Redis: origin tasks only' },
    });
    const [redisGroup] = Object.values(groups);
    expect(redisGroup?.Properties.SecurityGroupIngress).toBeUndefined();
    Template.fromStack(origin).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 6379,
      ToPort: 6379,
      SourceSecurityGroupId: Match.anyValue(),
    });
    const env = JSON.stringify(
      Template.fromStack(origin).findResources('AWS::ECS::TaskDefinition'),
    );
    expect(env).toContain('"Name":"REDIS_URL"');
    expect(env).toContain('rediss://');
  });

  it('is termination-protected, being the truth of who bought what', () => {
    expect(state.terminationProtection).toBe(true);
  });
});
