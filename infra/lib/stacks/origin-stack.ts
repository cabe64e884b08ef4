import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../../common/metric-names';
import { DomainEventsConstruct } from '../events/domain-events-construct';
import { BlueGreenConstruct } from '../origin/blue-green-construct';
import { CONTAINER_NAME, OriginServiceConstruct } from '../origin/origin-service-construct';
import { ScalingConstruct } from '../origin/scaling-construct';
import { REDIS_PORT } from '../state/redis-construct';
import type { StateStack } from './state-stack';

/** Props for {@link OriginStack}. */
export interface OriginStackProps extends StackProps {
  readonly state: StateStack;
  /** The first image; releases replace it through CodeDeploy with images from {@link OriginStack.imageRepository}. */
  readonly image: ecs.ContainerImage;
  /** Name of the Secrets Manager secret with organizerKey, tokenKeys, roomRedisUrl (and the edge's fields). */
  readonly appSecretName: string;
  /** Waiting-room key prefix in the room Redis (the edge bundle's `keyPrefix`). */
  readonly roomKeyPrefix: string;
  /** The storefront's public address, for sign-in links and emails (`PUBLIC_URL`). */
  readonly publicUrl?: string;
  readonly onSaleTimes: readonly Date[];
  readonly alarmEmail?: string;
  readonly cloudFrontPrefixListId?: string;
  /** Reference time for dropping past on-sale schedules. */
  readonly now?: Date;
}

/** The Hono origin on ECS Fargate behind an ALB, its auto-scaling and blue/green deployments. */
export class OriginStack extends Stack {
  readonly service: OriginServiceConstruct;
  readonly blueGreen: BlueGreenConstruct;
  readonly imageRepository: ecr.Repository;
  readonly appSecret: secretsmanager.ISecret;
  /** The EventBridge bus of the origin's domain events (outbox relay). */
  readonly domainEvents: DomainEventsConstruct;

  constructor(scope: Construct, id: string, props: OriginStackProps) {
    super(scope, id, props);
    const { state } = props;
    this.appSecret = secretsmanager.Secret.fromSecretNameV2(this, 'AppSecret', props.appSecretName);
    this.imageRepository = new ecr.Repository(this, 'Images', {
      imageScanOnPush: true,
      lifecycleRules: [{ maxImageCount: 30 }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.service = new OriginServiceConstruct(this, 'Origin', {
      vpc: state.network.vpc,
      image: props.image,
      table: state.table.table,
      redisUrl: state.redis.url,
      appSecret: this.appSecret,
      roomKeyPrefix: props.roomKeyPrefix,
      publicUrl: props.publicUrl,
      metricsNamespace: METRICS_NAMESPACE,
      cloudFrontPrefixListId: props.cloudFrontPrefixListId,
    });
    this.imageRepository.grantPull(this.service.taskDefinition.obtainExecutionRole());
    this.domainEvents = new DomainEventsConstruct(this, 'DomainEvents', {
      taskRole: this.service.taskDefinition.taskRole,
      container: this.service.taskDefinition.findContainer(
        CONTAINER_NAME,
      ) as ecs.ContainerDefinition,
    });
    // The rule lives here: in the state stack it would make state depend on the origin.
    new ec2.CfnSecurityGroupIngress(this, 'RedisFromOrigin', {
      groupId: state.redis.securityGroup.securityGroupId,
      sourceSecurityGroupId: (
        this.service.service.connections.securityGroups[0] as ec2.ISecurityGroup
      ).securityGroupId,
      ipProtocol: 'tcp',
      fromPort: REDIS_PORT,
      toPort: REDIS_PORT,
      description: 'Origin tasks to Redis',
    });

    new ScalingConstruct(this, 'Scaling', {
      service: this.service.service,
      cluster: this.service.cluster,
      loadBalancer: this.service.loadBalancer,
      onSaleTimes: props.onSaleTimes,
      now: props.now,
    });
    this.blueGreen = new BlueGreenConstruct(this, 'BlueGreen', {
      service: this.service.service,
      loadBalancer: this.service.loadBalancer,
      blueTargetGroup: this.service.blueTargetGroup,
      greenTargetGroup: this.service.greenTargetGroup,
      prodListener: this.service.prodListener,
      testListener: this.service.testListener,
      alarmEmail: props.alarmEmail,
    });

    new CfnOutput(this, 'LoadBalancerDns', {
      value: this.service.loadBalancer.loadBalancerDnsName,
    });
    new CfnOutput(this, 'ImageRepositoryUri', { value: this.imageRepository.repositoryUri });
  }
}
