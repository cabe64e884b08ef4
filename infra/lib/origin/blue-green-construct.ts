import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Props for {@link BlueGreenConstruct}. */
export interface BlueGreenProps {
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly blueTargetGroup: elbv2.ApplicationTargetGroup;
  readonly greenTargetGroup: elbv2.ApplicationTargetGroup;
  readonly prodListener: elbv2.ApplicationListener;
  readonly testListener: elbv2.ApplicationListener;
  readonly alarmEmail?: string;
}

/** Roll back when more than this percentage of requests end in a target 5xx. */
export const MAX_5XX_PERCENT = 2;
/** Roll back when p95 latency at the ALB goes above this many seconds. */
export const MAX_P95_SECONDS = 1;

const MINUTE = Duration.minutes(1);

/** Target 5xx as a % of requests: the 5xx alarms' expression (per group and ALB-wide). */
export const ERROR_RATE_EXPRESSION = 'IF(requests > 0, 100 * errors / requests, 0)';

/**
 * One ALB metric of one target group: AWS/ApplicationELB with the `TargetGroup` and
 * `LoadBalancer` dimensions. Built by hand because CDK's `targetGroup.metrics` needs the group
 * attached to a listener, and the green group has none until CodeDeploy shifts traffic to it.
 */
function targetGroupMetric(
  loadBalancer: elbv2.ApplicationLoadBalancer,
  targetGroup: elbv2.ApplicationTargetGroup,
  metricName: string,
  statistic: string,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/ApplicationELB',
    metricName,
    dimensionsMap: {
      TargetGroup: targetGroup.targetGroupFullName,
      LoadBalancer: loadBalancer.loadBalancerFullName,
    },
    statistic,
    period: MINUTE,
  });
}

/**
 * CodeDeploy ECS blue/green for the origin: the new task set is checked on the test listener,
 * then takes 10% of traffic for five minutes, then all. A 5xx-rate or p95-latency alarm, or a
 * failed deployment, rolls traffic back to the old task set automatically.
 *
 * The alarms watch each target group on its own, not the whole ALB: during the canary the
 * replacement tasks get 10% of requests, so even a replacement answering only 5xx would move the
 * ALB-wide rate to ~10%, and a slow one would hardly move the ALB-wide p95. CodeDeploy puts the
 * replacement in whichever group is idle (blue and green alternate between releases), so both
 * groups have alarms and any of them firing during a deployment rolls it back.
 */
/** Both rollback alarms: 2 breaching minutes out of 3; no data (no traffic yet) is healthy. */
const ROLLBACK_ALARM = {
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
} as const;

export class BlueGreenConstruct extends Construct {
  readonly deploymentGroup: codedeploy.EcsDeploymentGroup;
  /** The rollback alarms: 5xx rate and p95 latency of each target group. */
  readonly alarms: readonly cloudwatch.Alarm[];
  readonly alarmTopic: sns.Topic;
  /** Target 5xx in % of requests over the whole ALB, per minute (for the dashboard). */
  readonly errorRate: cloudwatch.MathExpression;

  constructor(scope: Construct, id: string, props: BlueGreenProps) {
    super(scope, id);
    const lb = props.loadBalancer;
    this.errorRate = new cloudwatch.MathExpression({
      label: 'Target 5xx, % of requests (all target groups)',
      expression: ERROR_RATE_EXPRESSION,
      usingMetrics: {
        errors: lb.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
          statistic: 'Sum',
        }),
        requests: lb.metrics.requestCount({ statistic: 'Sum' }),
      },
      period: MINUTE,
    });

    // The blue alarms keep the construct ids the single ALB-wide alarms had: the dashboard
    // stack imports their ARNs, and a renamed export would block the origin stack's update.
    const groups = [
      ['Blue', props.blueTargetGroup, ''],
      ['Green', props.greenTargetGroup, 'Green'],
    ] as const;
    const alarms: cloudwatch.Alarm[] = [];
    for (const [name, group, idPrefix] of groups) {
      const errorRate = new cloudwatch.MathExpression({
        label: `${name} target group: target 5xx, % of requests`,
        expression: ERROR_RATE_EXPRESSION,
        usingMetrics: {
          errors: targetGroupMetric(lb, group, 'HTTPCode_Target_5XX_Count', 'Sum'),
          requests: targetGroupMetric(lb, group, 'RequestCount', 'Sum'),
        },
        period: MINUTE,
      });
      alarms.push(
        errorRate.createAlarm(this, `${idPrefix}ErrorRate`, {
          alarmDescription: `Origin 5xx in the ${name.toLowerCase()} target group above ${MAX_5XX_PERCENT}% of its requests: rolls a deployment back`,
          threshold: MAX_5XX_PERCENT,
          ...ROLLBACK_ALARM,
        }),
        targetGroupMetric(lb, group, 'TargetResponseTime', 'p95').createAlarm(
          this,
          `${idPrefix}LatencyP95`,
          {
            alarmDescription: `Origin p95 latency in the ${name.toLowerCase()} target group above ${MAX_P95_SECONDS}s: rolls a deployment back`,
            threshold: MAX_P95_SECONDS,
            ...ROLLBACK_ALARM,
          },
        ),
      );
    }
    this.alarms = alarms;

    this.alarmTopic = new sns.Topic(this, 'Alarms', {
      displayName: 'Floodgate origin alarms',
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    for (const alarm of this.alarms) alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));

    this.deploymentGroup = new codedeploy.EcsDeploymentGroup(this, 'DeploymentGroup', {
      service: props.service,
      blueGreenDeploymentConfig: {
        blueTargetGroup: props.blueTargetGroup,
        greenTargetGroup: props.greenTargetGroup,
        listener: props.prodListener,
        testListener: props.testListener,
        terminationWaitTime: Duration.minutes(10),
      },
      deploymentConfig: codedeploy.EcsDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarms: [...this.alarms],
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
  }
}
