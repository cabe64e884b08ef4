import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthTestApp, TEST_ON_SALE, TEST_PAST_ON_SALE } from '../../testing/test-app';
import { METRICS_NAMESPACE } from '../observability/metric-names';
import { MAX_5XX_PERCENT, MAX_P95_SECONDS } from './blue-green-construct';
import { CONTAINER_PORT, TEST_PORT } from './origin-service-construct';
import { PRE_SCALE_HOLD, PRE_SCALE_LEAD } from './scaling-construct';

const { origin } = synthTestApp();
const template = Template.fromStack(origin);

/** Application Auto Scaling's one-time schedule format: at(yyyy-mm-ddThh:mm:ss), UTC. */
const at = (date: Date) => `at(${date.toISOString().slice(0, 19)})`;

describe('origin: ECS Fargate behind an ALB', () => {
  it('checks task health on /healthz through both blue and green target groups', () => {
    const groups = template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Properties: { HealthCheckPath: '/healthz', Port: CONTAINER_PORT, TargetType: 'ip' },
    });
    expect(Object.keys(groups)).toHaveLength(2);
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
          ]),
        }),
      ],
    });
  });
});

describe('origin settings for AWS', () => {
  const container = () => {
    const [task] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
    return task?.Properties.ContainerDefinitions[0] as {
      Environment: { Name: string; Value: unknown }[];
      Secrets: { Name: string; ValueFrom: unknown }[];
    };
  };

  it('gives the origin the waiting-room Redis as ROOM_REDIS_URL from the roomRedisUrl field of floodgate/app', () => {
    const secret = container().Secrets.find((s) => s.Name === 'ROOM_REDIS_URL');
    expect(JSON.stringify(secret?.ValueFrom)).toMatch(/:secret:floodgate\/app:roomRedisUrl::/);
    expect(container().Environment.map((e) => e.Name)).not.toContain('ROOM_REDIS_URL');
  });

  it("uses the edge bundle's waiting-room key prefix, region and the EMF metrics namespace", () => {
    expect(container().Environment).toEqual(
      expect.arrayContaining([
        { Name: 'ROOM_KEY_PREFIX', Value: 'fg:' },
        { Name: 'AWS_REGION', Value: 'eu-west-1' },
        { Name: 'METRICS_NAMESPACE', Value: METRICS_NAMESPACE },
      ]),
    );
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

  it.each([
    ['CPU', 'ECSServiceAverageCPUUtilization', 50],
    ['ALB requests per target', 'ALBRequestCountPerTarget', 1000],
  ])('tracks %s, scaling out after 60 s and in only after 10 min', (_name, metric, target) => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: metric }),
        TargetValue: target,
        ScaleOutCooldown: 60,
        ScaleInCooldown: 600,
      }),
    });
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

  it('rolls back automatically on a failed deployment and when an alarm fires', () => {
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      AutoRollbackConfiguration: {
        Enabled: true,
        Events: Match.arrayWith(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
      },
      AlarmConfiguration: { Enabled: true, Alarms: [Match.anyValue(), Match.anyValue()] },
    });
  });

  it('alarms on the 5xx rate and on p95 latency at the ALB', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: MAX_5XX_PERCENT,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)' }),
        Match.objectLike({
          Id: 'errors',
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ MetricName: 'HTTPCode_Target_5XX_Count' }),
          }),
        }),
      ]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'TargetResponseTime',
      ExtendedStatistic: 'p95',
      Threshold: MAX_P95_SECONDS,
    });
  });

  it('mails alarms to the configured address', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });
});
