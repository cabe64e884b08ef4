import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { LIVENESS_PATH, READINESS_PATH } from '../../../origin/routes/system';
import { EVENTS_INDEX } from '../state/table-construct';

/** Port the origin container listens on (PORT). */
export const CONTAINER_PORT = 8080;
/** Name of the container in the task definition; the pipeline's appspec refers to it. */
export const CONTAINER_NAME = 'origin';
/** The ALB's production and test listener ports (blue/green). */
export const PROD_PORT = 80;
export const TEST_PORT = 9000;
/**
 * The ALB's idle timeout. The origin's keep-alive (`KEEP_ALIVE_TIMEOUT_MS` in origin/server.ts)
 * must be longer, or the ALB reuses a socket Node has just closed and answers 502.
 */
export const ALB_IDLE_TIMEOUT = Duration.seconds(60);
/** How long ECS waits after SIGTERM before SIGKILL; the origin's drain deadline stays below it. */
export const STOP_TIMEOUT = Duration.seconds(30);
/**
 * Target-group health check: readiness (Redis locks, DynamoDB, waiting-room store), so a task
 * that cannot serve gets no traffic. The container's own health check is liveness only. The
 * paths are the origin's own route constants.
 */
export { LIVENESS_PATH, READINESS_PATH };

/** DynamoDB actions the origin's task role may call on the table (and its events index). */
export const ORIGIN_TABLE_ACTIONS = [
  'GetItem',
  'BatchGetItem',
  'Query',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'ConditionCheckItem',
  'DescribeTable',
] as const;

/** Props for {@link OriginServiceConstruct}. */
export interface OriginServiceProps {
  readonly vpc: ec2.IVpc;
  readonly image: ecs.ContainerImage;
  readonly table: dynamodb.ITableV2;
  readonly redisUrl: string;
  /** Secret with JSON fields `organizerKey`, `tokenKeys` and `roomRedisUrl`. */
  readonly appSecret: secretsmanager.ISecret;
  /** Key prefix of the waiting room in the room Redis; must match the edge bundle's. */
  readonly roomKeyPrefix: string;
  /** `PUBLIC_URL` of the origin: the storefront address in sign-in links and emails. */
  readonly publicUrl?: string;
  /** CloudWatch namespace of the metrics the origin writes as embedded metric format. */
  readonly metricsNamespace: string;
  readonly desiredCount?: number;
  /**
   * The region's `com.amazonaws.global.cloudfront.origin-facing` prefix list: when given, only
   * CloudFront reaches the ALB, so nobody skips the WAF and the edge token check.
   */
  readonly cloudFrontPrefixListId?: string;
}

/**
 * The origin: an internet-facing ALB (target health check `/readyz`) in front of a Fargate
 * service running the Hono origin (container health check `/healthz`). Deployments are CodeDeploy blue/green, so the service uses the
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
  readonly cluster: ecs.Cluster;
  /** The origin's JSON logs; embedded-metric-format lines in it become CloudWatch metrics. */
  readonly logGroup: logs.LogGroup;
  /** ALB access logs (kept 90 days). */
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: OriginServiceProps) {
    super(scope, id);
    const { vpc } = props;
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });
    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    this.cluster = cluster;

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
        AWS_REGION: Stack.of(this).region,
        DYNAMODB_TABLE: props.table.tableName,
        REDIS_URL: props.redisUrl,
        ROOM_KEY_PREFIX: props.roomKeyPrefix,
        METRICS_NAMESPACE: props.metricsNamespace,
        ...(props.publicUrl ? { PUBLIC_URL: props.publicUrl } : {}),
      },
      secrets: {
        ORGANIZER_KEY: ecs.Secret.fromSecretsManager(props.appSecret, 'organizerKey'),
        TOKEN_KEYS: ecs.Secret.fromSecretsManager(props.appSecret, 'tokenKeys'),
        // Every task signs ticket codes with the same Ed25519 key, so scanners need one key set.
        TICKET_KEYS: ecs.Secret.fromSecretsManager(props.appSecret, 'ticketKeys'),
        // The edge's Upstash database over the Redis protocol (rediss://default:<token>@host:6379):
        // the origin releases waiting-room slots and configures admission in the same store.
        ROOM_REDIS_URL: ecs.Secret.fromSecretsManager(props.appSecret, 'roomRedisUrl'),
      },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'origin', logGroup: this.logGroup }),
      // Liveness: the slim image has no curl, Node 22 has fetch. A dependency outage fails
      // readiness (the ALB stops routing) but not this, so ECS does not restart healthy processes.
      healthCheck: {
        command: ['CMD', 'node', '-e', livenessScript(CONTAINER_PORT)],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(30),
      },
      stopTimeout: STOP_TIMEOUT,
    });
    // Exactly the calls the origin makes (no Scan, no streams, no table management): items,
    // queries on the table and its events index, and DescribeTable for the start-up check.
    this.taskDefinition.addToTaskRolePolicy(
      new iam.PolicyStatement({
        actions: ORIGIN_TABLE_ACTIONS.map((action) => `dynamodb:${action}`),
        resources: [props.table.tableArn, `${props.table.tableArn}/index/${EVENTS_INDEX.name}`],
      }),
    );

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
      idleTimeout: ALB_IDLE_TIMEOUT,
    });
    this.accessLogs = new s3.Bucket(this, 'AlbLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // ALB access logs support SSE-S3 only.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.loadBalancer.logAccessLogs(this.accessLogs, 'alb');
    const targetGroup = (name: string) =>
      new elbv2.ApplicationTargetGroup(this, name, {
        vpc,
        port: CONTAINER_PORT,
        protocol: elbv2.ApplicationProtocol.HTTP,
        targetType: elbv2.TargetType.IP,
        deregistrationDelay: Duration.seconds(30),
        healthCheck: {
          path: READINESS_PATH,
          healthyHttpCodes: '200',
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

/**
 * The container health check's script: exit 0 when `/healthz` answers 2xx within 4 s, else 1.
 * @example livenessScript(8080) // "fetch('http://127.0.0.1:8080/healthz', …)…"
 */
export function livenessScript(port: number): string {
  return (
    `fetch('http://127.0.0.1:${port}${LIVENESS_PATH}', { signal: AbortSignal.timeout(4000) })` +
    '.then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))'
  );
}
