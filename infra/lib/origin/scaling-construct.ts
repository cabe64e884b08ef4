import { Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';

/** Props for {@link ScalingConstruct}. */
export interface ScalingProps {
  readonly service: ecs.FargateService;
  /** The target group whose request count per target drives scaling. */
  readonly targetGroup: elbv2.ApplicationTargetGroup;
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
/** How long before an on-sale the floor rises, and how long after it stays up. */
export const PRE_SCALE_LEAD = Duration.minutes(20);
export const PRE_SCALE_HOLD = Duration.hours(2);

/**
 * Auto-scaling for the origin: target tracking on CPU and on ALB requests per target (fast out,
 * slow in), and a scheduled floor before each on-sale so capacity is there when the gate opens;
 * reactive scaling alone lags a spike by minutes.
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
    scaling.scaleOnRequestCount('Requests', {
      targetGroup: props.targetGroup,
      requestsPerTarget: REQUESTS_PER_TARGET,
      scaleOutCooldown: SCALE_OUT_COOLDOWN,
      scaleInCooldown: SCALE_IN_COOLDOWN,
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
