import { Duration, Names } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';

/** Props for {@link ScalingConstruct}. */
export interface ScalingProps {
  readonly service: ecs.FargateService;
  /** The cluster the service runs in (Container Insights publishes its task count). */
  readonly cluster: ecs.ICluster;
  /** The ALB in front of the service, whose request count (all target groups) drives scaling. */
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly minTasks?: number;
  readonly maxTasks?: number;
  /** On-sale times: the service is pre-scaled before each one. */
  readonly onSaleTimes?: readonly Date[];
  /** Tasks kept warm from {@link PRE_SCALE_LEAD} before an on-sale until {@link PRE_SCALE_HOLD} after. */
  readonly onSaleMinTasks?: number;
  /** Times before this are dropped (a schedule in the past never fires). Defaults to now. */
  readonly now?: Date;
}

/** Scale-out reacts in a minute; scale-in waits, because a queue drains in waves. */
export const SCALE_OUT_COOLDOWN = Duration.seconds(60);
export const SCALE_IN_COOLDOWN = Duration.minutes(10);
export const CPU_TARGET_PERCENT = 50;
export const REQUESTS_PER_TARGET = 1000;
/**
 * Requests per running task and minute: the ALB's requests over every target group (blue,
 * green, whichever is live after a swap) divided by the service's running tasks. Minutes without
 * requests count as 0 (the ALB publishes nothing then), so an idle service can scale in.
 */
export const REQUESTS_PER_TASK_EXPRESSION = 'FILL(requests, 0) / tasks';
/** How long before an on-sale the floor rises, and how long after it stays up. */
export const PRE_SCALE_LEAD = Duration.minutes(20);
export const PRE_SCALE_HOLD = Duration.hours(2);

/**
 * Auto-scaling for the origin: target tracking on CPU and on ALB requests per task (fast out,
 * slow in), and a scheduled floor before each on-sale so capacity is there when the gate opens;
 * reactive scaling alone lags a spike by minutes.
 *
 * Requests per task is a metric-math policy, not the predefined `ALBRequestCountPerTarget`: that
 * one is bound to one target group, and after a blue/green swap the live tasks sit in the other
 * group, so it would see no requests and never scale out again.
 */
export class ScalingConstruct extends Construct {
  readonly scalableTarget: ecs.ScalableTaskCount;

  constructor(scope: Construct, id: string, props: ScalingProps) {
    super(scope, id);
    const minTasks = props.minTasks ?? 2;
    const scaling = props.service.autoScaleTaskCount({
      minCapacity: minTasks,
      maxCapacity: props.maxTasks ?? 40,
    });
    this.scalableTarget = scaling;
    scaling.scaleOnCpuUtilization('Cpu', {
      targetUtilizationPercent: CPU_TARGET_PERCENT,
      scaleOutCooldown: SCALE_OUT_COOLDOWN,
      scaleInCooldown: SCALE_IN_COOLDOWN,
    });
    const lb = props.loadBalancer.loadBalancerFullName;
    // CDK's target-tracking L2 takes direct metrics only; metric math needs the L1.
    new appscaling.CfnScalingPolicy(this, 'RequestsPerTask', {
      policyName: `${Names.uniqueId(this)}RequestsPerTask`,
      policyType: 'TargetTrackingScaling',
      scalingTargetId: scaling.scalableTargetRef.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: REQUESTS_PER_TARGET,
        scaleOutCooldown: SCALE_OUT_COOLDOWN.toSeconds(),
        scaleInCooldown: SCALE_IN_COOLDOWN.toSeconds(),
        customizedMetricSpecification: {
          metrics: [
            {
              id: 'requests',
              metricStat: {
                metric: {
                  namespace: 'AWS/ApplicationELB',
                  metricName: 'RequestCount',
                  dimensions: [{ name: 'LoadBalancer', value: lb }],
                },
                stat: 'Sum',
              },
              returnData: false,
            },
            {
              id: 'tasks',
              metricStat: {
                metric: {
                  namespace: 'ECS/ContainerInsights',
                  metricName: 'RunningTaskCount',
                  dimensions: [
                    { name: 'ClusterName', value: props.cluster.clusterName },
                    { name: 'ServiceName', value: props.service.serviceName },
                  ],
                },
                stat: 'Average',
              },
              returnData: false,
            },
            {
              id: 'perTask',
              label: 'ALB requests per running task',
              expression: REQUESTS_PER_TASK_EXPRESSION,
              returnData: true,
            },
          ],
        },
      },
    });

    const now = props.now ?? new Date();
    const onSaleMin = props.onSaleMinTasks ?? 10;
    for (const [index, onSale] of (props.onSaleTimes ?? []).entries()) {
      const start = new Date(onSale.getTime() - PRE_SCALE_LEAD.toMilliseconds());
      if (start <= now) continue;
      const end = new Date(onSale.getTime() + PRE_SCALE_HOLD.toMilliseconds());
      scaling.scaleOnSchedule(`PreScale${index}`, {
        schedule: appscaling.Schedule.at(start),
        minCapacity: onSaleMin,
      });
      scaling.scaleOnSchedule(`PostScale${index}`, {
        schedule: appscaling.Schedule.at(end),
        minCapacity: minTasks,
      });
    }
  }
}
