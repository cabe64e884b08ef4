import { Annotations, Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Port the origin container listens on (PORT). */
export const CONTAINER_PORT = 8080;
/** Name of the container in the task definition; the pipeline's appspec refers to it. */
export const CONTAINER_NAME = 'origin';
/** The ALB's production and test listener ports (blue/green). */
export const PROD_PORT = 80;
export const TEST_PORT = 9000;

/** Props for {@link OriginServiceConstruct}. */
export interface OriginServiceProps {
  readonly vpc: ec2.IVpc;
  readonly image: ecs.ContainerImage;
  readonly table: dynamodb.ITableV2;
  readonly redisUrl: string;
  /** Secret with JSON fields `organizerKey` and `tokenKeys`. */
  readonly appSecret: secretsmanager.ISecret;
  readonly desiredCount?: number;
  /**
   * The region's `com.amazonaws.global.cloudfront.origin-facing` prefix list: when given, only
   * CloudFront reaches the ALB, so nobody skips the WAF and the edge token check.
   */
  readonly cloudFrontPrefixListId?: string;
}

/**
 * The origin: an internet-facing ALB (health check `/healthz`) in front of a Fargate service
 * running the Hono origin. Deployments are CodeDeploy blue/green, so the service uses the
 * CODE_DEPLOY controller and two target groups; the test listener is reachable from the VPC only.
 */
export class OriginServiceConstruct extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly service: ecs.FargateService;
  readonly blueTargetGroup: elbv2.ApplicationTargetGroup;
  readonly greenTargetGroup: elbv2.ApplicationTargetGroup;
  readonly prodListener: elbv2.ApplicationListener;
  readonly testListener: elbv2.ApplicationListener;
  readonly taskDefinition: ecs.FargateTaskDefinition;

  constructor(scope: Construct, id: string, props: OriginServiceProps) {
    super(scope, id);
    const { vpc } = props;
    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: 1024,
      memoryLimitMiB: 2048,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    this.taskDefinition.addContainer(CONTAINER_NAME, {
      image: props.image,
      portMappings: [{ containerPort: CONTAINER_PORT }],
      environment: {
        NODE_ENV: 'production',
        PORT: String(CONTAINER_PORT),
        DYNAMODB_TABLE: props.table.tableName,
        REDIS_URL: props.redisUrl,
      },
      secrets: {
        ORGANIZER_KEY: ecs.Secret.fromSecretsManager(props.appSecret, 'organizerKey'),
        TOKEN_KEYS: ecs.Secret.fromSecretsManager(props.appSecret, 'tokenKeys'),
      },
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'origin',
        logGroup: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH }),
      }),
      stopTimeout: Duration.seconds(30),
    });
    props.table.grantReadWriteData(this.taskDefinition.taskRole);

    const albSecurityGroup = new ec2.SecurityGroup(this, 'AlbSecurityGroup', {
      vpc,
      description: 'Floodgate origin ALB: CloudFront in, test listener from the VPC',
    });
    albSecurityGroup.addIngressRule(
      props.cloudFrontPrefixListId
        ? ec2.Peer.prefixList(props.cloudFrontPrefixListId)
        : ec2.Peer.anyIpv4(),
      ec2.Port.tcp(PROD_PORT),
      props.cloudFrontPrefixListId
        ? 'CloudFront origin-facing only'
        : 'Anyone (set cloudFrontPrefixListId)',
    );
    if (!props.cloudFrontPrefixListId) {
      Annotations.of(this).addWarningV2(
        'floodgate:alb-open',
        'cloudFrontPrefixListId not set: the origin ALB accepts traffic that bypasses CloudFront and WAF',
      );
    }
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      vpc,
      internetFacing: true,
      securityGroup: albSecurityGroup,
      // Node's keepAliveTimeout is set above this, so the ALB never reuses a closed socket.
      idleTimeout: Duration.seconds(60),
    });
    const targetGroup = (name: string) =>
      new elbv2.ApplicationTargetGroup(this, name, {
        vpc,
        port: CONTAINER_PORT,
        protocol: elbv2.ApplicationProtocol.HTTP,
        targetType: elbv2.TargetType.IP,
        deregistrationDelay: Duration.seconds(30),
        healthCheck: {
          path: '/healthz',
          interval: Duration.seconds(10),
          timeout: Duration.seconds(5),
          healthyThresholdCount: 2,
          unhealthyThresholdCount: 3,
        },
      });
    this.blueTargetGroup = targetGroup('Blue');
    this.greenTargetGroup = targetGroup('Green');
    this.prodListener = this.loadBalancer.addListener('Prod', {
      port: PROD_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      defaultTargetGroups: [this.blueTargetGroup],
      open: false,
    });
    this.testListener = this.loadBalancer.addListener('Test', {
      port: TEST_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      defaultTargetGroups: [this.blueTargetGroup],
      open: false,
    });
    this.loadBalancer.connections.allowFrom(
      ec2.Peer.ipv4(vpc.vpcCidrBlock),
      ec2.Port.tcp(TEST_PORT),
    );

    this.service = new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: props.desiredCount ?? 2,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      deploymentController: { type: ecs.DeploymentControllerType.CODE_DEPLOY },
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      healthCheckGracePeriod: Duration.seconds(30),
      enableExecuteCommand: false,
    });
    this.service.attachToApplicationTargetGroup(this.blueTargetGroup);
  }
}
