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

/**
 * CodeDeploy ECS blue/green for the origin: the new task set is checked on the test listener,
 * then takes 10% of traffic for five minutes, then all. A 5xx-rate or p95-latency alarm, or a
 * failed deployment, rolls traffic back to the old task set automatically.
 */
export class BlueGreenConstruct extends Construct {
  readonly deploymentGroup: codedeploy.EcsDeploymentGroup;
  readonly alarms: readonly cloudwatch.Alarm[];
  readonly alarmTopic: sns.Topic;
  /** Target 5xx as a percentage of requests, per minute (the rollback alarm's metric). */
  readonly errorRate: cloudwatch.MathExpression;

  constructor(scope: Construct, id: string, props: BlueGreenProps) {
    super(scope, id);
    const metrics = props.loadBalancer.metrics;
    const errorRate = new cloudwatch.MathExpression({
      label: 'Target 5xx, % of requests',
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
          statistic: 'Sum',
        }),
        requests: metrics.requestCount({ statistic: 'Sum' }),
      },
      period: Duration.minutes(1),
    });
    this.errorRate = errorRate;
    const errorAlarm = errorRate.createAlarm(this, 'ErrorRate', {
      alarmDescription: `Origin 5xx above ${MAX_5XX_PERCENT}% of requests: rolls a deployment back`,
      threshold: MAX_5XX_PERCENT,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const latencyAlarm = metrics
      .targetResponseTime({ statistic: 'p95', period: Duration.minutes(1) })
      .createAlarm(this, 'LatencyP95', {
        alarmDescription: `Origin p95 latency above ${MAX_P95_SECONDS}s: rolls a deployment back`,
        threshold: MAX_P95_SECONDS,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.alarms = [errorAlarm, latencyAlarm];

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
