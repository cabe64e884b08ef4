import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { METRIC, METRICS_NAMESPACE } from '../../../common/metric-names';
import { parseOriginConfig } from '../../../origin/config';
import { generateTicketKeyRing, ticketKeysSetting } from '../../../origin/domain/ticket-code-keys';
import { createEmfMetrics } from '../../../origin/http/emf';
import { DRAIN_DEADLINE_MS, KEEP_ALIVE_TIMEOUT_MS } from '../../../origin/server';
import { synthTestApp, TEST_ON_SALE, TEST_PAST_ON_SALE } from '../../testing/test-app';
import { ERROR_RATE_EXPRESSION, MAX_5XX_PERCENT, MAX_P95_SECONDS } from './blue-green-construct';
import {
  ALB_IDLE_TIMEOUT,
  CONTAINER_PORT,
  LIVENESS_PATH,
  livenessScript,
  READINESS_PATH,
  STOP_TIMEOUT,
  TEST_PORT,
} from './origin-service-construct';
import {
  PRE_SCALE_HOLD,
  PRE_SCALE_LEAD,
  REQUESTS_PER_TARGET,
  REQUESTS_PER_TASK_EXPRESSION,
  SCALE_IN_COOLDOWN,
  SCALE_OUT_COOLDOWN,
} from './scaling-construct';

const { origin } = synthTestApp();
const template = Template.fromStack(origin);
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, unknown> }
>;
/** The logical id of the only resource of a type matching `properties`. */
const logicalId = (type: string, properties: Record<string, unknown>) => {
  const ids = Object.keys(template.findResources(type, { Properties: properties }));
  expect(ids, `${type} ${JSON.stringify(properties)}`).toHaveLength(1);
  return ids[0] as string;
};
const blueGroup = () =>
  Object.keys(template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup')).find((id) =>
    id.includes('Blue'),
  ) as string;
const greenGroup = () =>
  Object.keys(template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup')).find((id) =>
    id.includes('Green'),
  ) as string;
const container = () => {
  const [task] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
  return task?.Properties.ContainerDefinitions[0] as {
    Environment: { Name: string; Value: unknown }[];
    Secrets: { Name: string; ValueFrom: unknown }[];
    HealthCheck: Record<string, unknown> & { Command: string[] };
    StopTimeout: number;
    LogConfiguration: { LogDriver: string; Options: Record<string, unknown> };
  };
};

/** Application Auto Scaling's one-time schedule format: at(yyyy-mm-ddThh:mm:ss), UTC. */
const at = (date: Date) => `at(${date.toISOString().slice(0, 19)})`;

describe('origin: ECS Fargate behind an ALB', () => {
  it('routes only to ready tasks: both blue and green target groups check /readyz', () => {
    const groups = template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Properties: {
        HealthCheckPath: READINESS_PATH,
        Matcher: { HttpCode: '200' },
        Port: CONTAINER_PORT,
        TargetType: 'ip',
      },
    });
    expect(READINESS_PATH).toBe('/readyz');
    expect(Object.keys(groups)).toHaveLength(2);
  });

  it('gives the container a liveness check on /healthz with node (the slim image has no curl)', () => {
    const check = container().HealthCheck;
    expect(check).toEqual({
      Command: ['CMD', 'node', '-e', livenessScript(CONTAINER_PORT)],
      Interval: 15,
      Timeout: 5,
      Retries: 3,
      StartPeriod: 30,
    });
    expect(check.Command[3]).toContain(`http://127.0.0.1:${CONTAINER_PORT}${LIVENESS_PATH}`);
  });

  it.each([
    [0, 200],
    [1, 503],
  ])('runs a liveness script that exits %i when /healthz answers %i', async (exitCode, status) => {
    const server = http.createServer((req, res) => {
      res.statusCode = req.url === LIVENESS_PATH ? status : 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const run = promisify(execFile)(process.execPath, ['-e', livenessScript(port)]);
      const code = await run.then(
        () => 0,
        (error: { code?: number }) => error.code,
      );
      expect(code).toBe(exitCode);
    } finally {
      server.close();
    }
  });

  it('keeps Node keep-alive above the ALB idle timeout, and the drain deadline below the stop timeout', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'idle_timeout.timeout_seconds', Value: String(ALB_IDLE_TIMEOUT.toSeconds()) },
      ]),
    });
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(ALB_IDLE_TIMEOUT.toMilliseconds());
    expect(container().StopTimeout).toBe(STOP_TIMEOUT.toSeconds());
    expect(DRAIN_DEADLINE_MS).toBeLessThan(STOP_TIMEOUT.toMilliseconds());
  });

  it('accepts production traffic only from the CloudFront origin-facing prefix list', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 80,
      ToPort: 80,
      SourcePrefixListId: 'pl-4fa04526',
    });
    const everything = JSON.stringify(template.toJSON().Resources);
    expect(everything).not.toContain('0.0.0.0/0","Description":"Anyone');
    expect(everything).not.toMatch(/"CidrIp":"0\.0\.0\.0\/0"[^}]*"FromPort":80/);
  });

  it('uses the CODE_DEPLOY deployment controller, so releases go through blue/green', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentController: { Type: 'CODE_DEPLOY' },
      LaunchType: 'FARGATE',
    });
  });

  it('runs in production mode with its secrets from Secrets Manager, not in the template', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Environment: Match.arrayWith([
            { Name: 'NODE_ENV', Value: 'production' },
            { Name: 'PORT', Value: String(CONTAINER_PORT) },
          ]),
          Secrets: Match.arrayWith([
            Match.objectLike({ Name: 'ORGANIZER_KEY' }),
            Match.objectLike({ Name: 'TOKEN_KEYS' }),
            Match.objectLike({ Name: 'TICKET_KEYS' }),
          ]),
        }),
      ],
    });
  });
});

describe('origin settings for AWS', () => {
  it('gives the origin the waiting-room Redis as ROOM_REDIS_URL from the roomRedisUrl field of floodgate/app', () => {
    const secret = container().Secrets.find((s) => s.Name === 'ROOM_REDIS_URL');
    expect(JSON.stringify(secret?.ValueFrom)).toMatch(/:secret:floodgate\/app:roomRedisUrl::/);
    expect(container().Environment.map((e) => e.Name)).not.toContain('ROOM_REDIS_URL');
  });

  it("uses the edge bundle's waiting-room key prefix, region, the EMF metrics namespace and the storefront's public URL", () => {
    expect(container().Environment).toEqual(
      expect.arrayContaining([
        { Name: 'ROOM_KEY_PREFIX', Value: 'fg:' },
        { Name: 'AWS_REGION', Value: 'eu-west-1' },
        { Name: 'METRICS_NAMESPACE', Value: METRICS_NAMESPACE },
        { Name: 'PUBLIC_URL', Value: 'https://tickets.example.com' },
      ]),
    );
  });

  it('makes the origin write EMF lines to stdout, which the awslogs driver ships to the origin log group', () => {
    // The task's plain environment, parsed by the origin's own config (secrets stubbed).
    const env = Object.fromEntries(
      container()
        .Environment.filter((e) => typeof e.Value === 'string')
        .map((e) => [e.Name, e.Value as string]),
    );
    const config = parseOriginConfig({
      ...env,
      ORGANIZER_KEY: 'organizer-key-for-test',
      TOKEN_KEYS: JSON.stringify({ activeKid: 'k1', keys: { k1: 'k'.repeat(43) } }),
      TICKET_KEYS: ticketKeysSetting(generateTicketKeyRing()),
    });
    expect(config.production).toBe(true);
    expect(config.metricsNamespace).toBe(METRICS_NAMESPACE);
    const lines: string[] = [];
    const emf = createEmfMetrics({
      namespace: config.metricsNamespace as string,
      write: (line) => lines.push(line),
      flushIntervalMs: 0,
    });
    emf.counters.seatsSold('demo-arena', 2);
    const [line] = lines.map((l) => JSON.parse(l));
    expect(line._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: METRICS_NAMESPACE });
    expect(line).toMatchObject({ [METRIC.seatsSold.name]: 2, [METRIC.ordersConfirmed.name]: 1 });
    // CloudWatch extracts EMF from CloudWatch Logs: stdout must go there through awslogs.
    const logging = container().LogConfiguration;
    expect(logging.LogDriver).toBe('awslogs');
    const logGroups = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    expect(logGroups).toContainEqual((logging.Options['awslogs-group'] as { Ref: string }).Ref);
  });

  it('writes ALB access logs to a private bucket', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.enabled', Value: 'true' }]),
    });
  });
});

describe('origin auto-scaling', () => {
  it('scales between 2 and 40 tasks', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 2,
      MaxCapacity: 40,
      ScalableDimension: 'ecs:service:DesiredCount',
    });
  });

  it('tracks CPU, scaling out after 60 s and in only after 10 min', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: Match.objectLike({
          PredefinedMetricType: 'ECSServiceAverageCPUUtilization',
        }),
        TargetValue: 50,
        ScaleOutCooldown: SCALE_OUT_COOLDOWN.toSeconds(),
        ScaleInCooldown: SCALE_IN_COOLDOWN.toSeconds(),
      }),
    });
    expect([SCALE_OUT_COOLDOWN.toSeconds(), SCALE_IN_COOLDOWN.toSeconds()]).toEqual([60, 600]);
  });

  it('tracks ALB requests per running task over every target group, so a blue/green swap cannot blind it', () => {
    const albId = logicalId('AWS::ElasticLoadBalancingV2::LoadBalancer', {});
    const policies = Object.values(resources).filter(
      (r) => r.Type === 'AWS::ApplicationAutoScaling::ScalingPolicy',
    );
    // Nothing may follow one target group: after a swap the live tasks sit in the other one.
    expect(JSON.stringify(policies)).not.toContain('ALBRequestCountPerTarget');
    expect(JSON.stringify(policies)).not.toContain('targetgroup/');
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      ScalingTargetId: { Ref: logicalId('AWS::ApplicationAutoScaling::ScalableTarget', {}) },
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: REQUESTS_PER_TARGET,
        ScaleOutCooldown: SCALE_OUT_COOLDOWN.toSeconds(),
        ScaleInCooldown: SCALE_IN_COOLDOWN.toSeconds(),
        CustomizedMetricSpecification: {
          Metrics: [
            {
              Id: 'requests',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/ApplicationELB',
                  MetricName: 'RequestCount',
                  // The whole load balancer: no TargetGroup dimension.
                  Dimensions: [
                    {
                      Name: 'LoadBalancer',
                      Value: { 'Fn::GetAtt': [albId, 'LoadBalancerFullName'] },
                    },
                  ],
                },
                Stat: 'Sum',
              },
              ReturnData: false,
            },
            {
              Id: 'tasks',
              MetricStat: {
                Metric: {
                  Namespace: 'ECS/ContainerInsights',
                  MetricName: 'RunningTaskCount',
                  Dimensions: [
                    { Name: 'ClusterName', Value: Match.anyValue() },
                    { Name: 'ServiceName', Value: Match.anyValue() },
                  ],
                },
                Stat: 'Average',
              },
              ReturnData: false,
            },
            Match.objectLike({
              Id: 'perTask',
              Expression: REQUESTS_PER_TASK_EXPRESSION,
              ReturnData: true,
            }),
          ],
        },
      },
    });
    expect(REQUESTS_PER_TASK_EXPRESSION).toBe('FILL(requests, 0) / tasks');
  });

  it('raises the floor before each future on-sale and lowers it after; past on-sales get none', () => {
    const [target] = Object.values(
      template.findResources('AWS::ApplicationAutoScaling::ScalableTarget'),
    );
    const actions = target?.Properties.ScheduledActions as {
      Schedule: string;
      ScalableTargetAction: { MinCapacity: number };
    }[];
    const start = new Date(TEST_ON_SALE.getTime() - PRE_SCALE_LEAD.toMilliseconds());
    const end = new Date(TEST_ON_SALE.getTime() + PRE_SCALE_HOLD.toMilliseconds());
    expect(actions.map((a) => [a.Schedule, a.ScalableTargetAction.MinCapacity])).toEqual([
      [at(start), 10],
      [at(end), 2],
    ]);
    expect(JSON.stringify(actions)).not.toContain(TEST_PAST_ON_SALE.toISOString().slice(0, 10));
    // Only the floor moves: target tracking can still scale out to the maximum during the sale.
    expect(actions.map((a) => a.ScalableTargetAction)).toEqual([
      { MinCapacity: 10 },
      { MinCapacity: 2 },
    ]);
  });
});

describe('origin blue/green deployments', () => {
  it('shifts 10% of traffic for 5 minutes, with a test listener, then keeps blue 10 minutes', () => {
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      DeploymentStyle: { DeploymentOption: 'WITH_TRAFFIC_CONTROL', DeploymentType: 'BLUE_GREEN' },
      BlueGreenDeploymentConfiguration: Match.objectLike({
        TerminateBlueInstancesOnDeploymentSuccess: {
          Action: 'TERMINATE',
          TerminationWaitTimeInMinutes: 10,
        },
      }),
      LoadBalancerInfo: {
        TargetGroupPairInfoList: [
          Match.objectLike({
            ProdTrafficRoute: { ListenerArns: [Match.anyValue()] },
            TestTrafficRoute: { ListenerArns: [Match.anyValue()] },
            TargetGroups: [Match.anyValue(), Match.anyValue()],
          }),
        ],
      },
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: TEST_PORT });
  });

  it('rolls back automatically on a failed deployment and when any of its alarms fires', () => {
    const alarms = Object.keys(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(4);
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      AutoRollbackConfiguration: {
        Enabled: true,
        Events: Match.arrayWith(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
      },
      AlarmConfiguration: {
        Enabled: true,
        Alarms: Match.arrayEquals(alarms.map((id) => ({ Name: { Ref: id } }))),
      },
    });
  });

  /** ALB metric dimensions of one target group (what a 10% canary moves), never the whole ALB. */
  const groupDimensions = (group: string) => [
    {
      Name: 'LoadBalancer',
      Value: {
        'Fn::GetAtt': [
          logicalId('AWS::ElasticLoadBalancingV2::LoadBalancer', {}),
          'LoadBalancerFullName',
        ],
      },
    },
    { Name: 'TargetGroup', Value: { 'Fn::GetAtt': [group, 'TargetGroupFullName'] } },
  ];

  it.each([
    ['blue', blueGroup],
    ['green', greenGroup],
  ])(
    'alarms on the %s target group’s own 5xx rate, so a canary answering 5xx trips it',
    (_name, group) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Threshold: MAX_5XX_PERCENT,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        Metrics: Match.arrayWith([
          Match.objectLike({ Expression: ERROR_RATE_EXPRESSION }),
          Match.objectLike({
            Id: 'errors',
            MetricStat: Match.objectLike({
              Metric: {
                Namespace: 'AWS/ApplicationELB',
                MetricName: 'HTTPCode_Target_5XX_Count',
                Dimensions: groupDimensions(group()),
              },
              Stat: 'Sum',
            }),
          }),
          Match.objectLike({
            Id: 'requests',
            MetricStat: Match.objectLike({
              Metric: {
                Namespace: 'AWS/ApplicationELB',
                MetricName: 'RequestCount',
                Dimensions: groupDimensions(group()),
              },
            }),
          }),
        ]),
      });
    },
  );

  it.each([
    ['blue', blueGroup],
    ['green', greenGroup],
  ])('alarms on the %s target group’s own p95 latency', (_name, group) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'TargetResponseTime',
      Dimensions: groupDimensions(group()),
      ExtendedStatistic: 'p95',
      Period: 60,
      Threshold: MAX_P95_SECONDS,
    });
  });

  it('has no rollback alarm on a metric of the whole load balancer', () => {
    for (const [id, alarm] of Object.entries(template.findResources('AWS::CloudWatch::Alarm'))) {
      const text = JSON.stringify(alarm.Properties);
      const metricCount = (text.match(/"MetricName"/g) ?? []).length;
      const groupScoped = (text.match(/"Name":"TargetGroup"/g) ?? []).length;
      expect(groupScoped, id).toBe(metricCount);
    }
  });

  it('mails alarms to the configured address', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });
});
