import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { Construct } from 'constructs';

/** Props for {@link RedisConstruct}. */
export interface RedisProps {
  readonly vpc: ec2.IVpc;
  /** Node type; t4g.small is plenty for locks and counters at this scale. */
  readonly nodeType?: string;
}

/** Port the origin connects to (TLS). */
export const REDIS_PORT = 6379;

/**
 * Redis for the origin: seat locks, waiting-room counters and config. A non-clustered
 * replication group (primary + replica, Multi-AZ failover, TLS in transit, encrypted at rest):
 * the lock and admission scripts touch many keys at once, which a clustered or serverless cache
 * would only allow inside one hash slot. Losing it loses holds in progress, never a sale.
 * Only the security group's peers may connect; see infra/README.md for the cost comparison.
 */
export class RedisConstruct extends Construct {
  readonly securityGroup: ec2.SecurityGroup;
  /** `rediss://host:6379`, what the origin's REDIS_URL expects. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: RedisProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Floodgate Redis: origin tasks only',
      allowAllOutbound: false,
    });
    const subnets = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: 'Floodgate Redis subnets',
      subnetIds: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    const group = new elasticache.CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: 'Floodgate locks and waiting-room state',
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: props.nodeType ?? 'cache.t4g.small',
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: true,
      port: REDIS_PORT,
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      snapshotRetentionLimit: 1,
    });
    this.url = `rediss://${group.attrPrimaryEndPointAddress}:${REDIS_PORT}`;
  }
}
