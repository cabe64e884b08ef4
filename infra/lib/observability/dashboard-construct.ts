import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as codebuild from 'aws-cdk-lib/aws-codebuild';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  EVENT_DIMENSION,
  METRIC,
  METRICS_NAMESPACE,
  SERVICE_DIMENSION,
  SERVICE_NAME,
} from '../../../common/metric-names';
import { MAX_5XX_PERCENT, MAX_P95_SECONDS } from '../origin/blue-green-construct';

/** Props for {@link DashboardConstruct}. */
export interface DashboardProps {
  readonly cluster: ecs.ICluster;
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** The blue/green rollback alarms (5xx rate, p95 latency). */
  readonly alarms: readonly cloudwatch.IAlarm[];
  /** Target 5xx in % of requests: the 5xx alarm's own metric. */
  readonly errorRate: cloudwatch.IMetric;
  /** The origin's JSON log group. */
  readonly originLogs: logs.ILogGroup;
  /** Where {@link ReleaseEventsConstruct} records pipeline and deployment state changes. */
  readonly releaseLogs: logs.ILogGroup;
  readonly buildProject: codebuild.IProject;
  readonly dashboardName?: string;
}

const MINUTE = Duration.minutes(1);

/** A custom metric from the origin's EMF lines, summed over all events (dimension Service). */
function originMetric(spec: { name: string }, statistic = 'Sum'): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: spec.name,
    dimensionsMap: { [SERVICE_DIMENSION]: SERVICE_NAME },
    statistic,
    period: MINUTE,
    label: spec.name,
  });
}

/** One line per event: a CloudWatch SEARCH over the EventId dimension. */
function perEvent(spec: { name: string }, statistic: string): cloudwatch.MathExpression {
  const schema = `{${METRICS_NAMESPACE},${SERVICE_DIMENSION},${EVENT_DIMENSION}}`;
  return new cloudwatch.MathExpression({
    expression: `SEARCH('${schema} MetricName="${spec.name}" ${SERVICE_DIMENSION}="${SERVICE_NAME}"', '${statistic}', 60)`,
    usingMetrics: {},
    label: '',
    period: MINUTE,
  });
}

/**
 * The sale at a glance, in the home region: running tasks against the scaling floor, ALB p95
 * latency against the rollback threshold, booking throughput and queue length from the origin's
 * embedded metrics, the 5xx rate the blue/green alarm watches, and release status (builds,
 * pipeline and deployment state changes, alarm states).
 */
export class DashboardConstruct extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const alb = props.loadBalancer.metrics;
    const insights = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'ECS/ContainerInsights',
        metricName,
        dimensionsMap: {
          ClusterName: props.cluster.clusterName,
          ServiceName: props.service.serviceName,
        },
        statistic: 'Average',
        period: MINUTE,
        label: metricName,
      });
    const elbErrorRate = new cloudwatch.MathExpression({
      label: 'ALB-generated 5xx, % of requests',
      // Ids differ from the target-5xx expression's: one graph may not reuse an id.
      expression: 'IF(albRequests > 0, 100 * albErrors / albRequests, 0)',
      usingMetrics: {
        albErrors: alb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { statistic: 'Sum' }),
        albRequests: alb.requestCount({ statistic: 'Sum' }),
      },
      period: MINUTE,
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? 'Floodgate',
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          new cloudwatch.AlarmStatusWidget({
            title: 'Rollback alarms (blue/green)',
            alarms: [...props.alarms],
            width: 8,
            height: 4,
          }),
          new cloudwatch.GraphWidget({
            title: 'Origin tasks (running, desired, pending)',
            left: [
              insights('RunningTaskCount'),
              insights('DesiredTaskCount'),
              insights('PendingTaskCount'),
            ],
            right: [props.service.metricCpuUtilization({ period: MINUTE, label: 'CPU %' })],
            width: 16,
            height: 4,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'ALB latency (seconds)',
            left: ['p50', 'p95', 'p99'].map((statistic) =>
              alb.targetResponseTime({ statistic, period: MINUTE, label: statistic }),
            ),
            leftAnnotations: [{ value: MAX_P95_SECONDS, label: 'p95 rollback threshold' }],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: '5xx rate (% of requests)',
            left: [props.errorRate, elbErrorRate],
            leftAnnotations: [{ value: MAX_5XX_PERCENT, label: '5xx rollback threshold' }],
            right: [alb.requestCount({ statistic: 'Sum', period: MINUTE, label: 'Requests/min' })],
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Origin as the app measures it: request latency (ms) and 5xx',
            left: ['p50', 'p95', 'p99'].map((statistic) => {
              const metric = originMetric(METRIC.requestLatency, statistic);
              return metric.with({ label: `${METRIC.requestLatency.name} ${statistic}` });
            }),
            right: [originMetric(METRIC.serverErrors)],
            width: 24,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Booking throughput (per minute)',
            left: [
              originMetric(METRIC.holdsCreated),
              originMetric(METRIC.seatsSold),
              originMetric(METRIC.ordersConfirmed),
            ],
            right: [originMetric(METRIC.holdsRejected), originMetric(METRIC.ordersFailed)],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Waiting room: queue length and active buyers, by event',
            left: [perEvent(METRIC.queueLength, 'Maximum')],
            right: [perEvent(METRIC.activeBuyers, 'Maximum')],
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Builds',
            left: [
              props.buildProject.metricSucceededBuilds({ period: Duration.hours(1) }),
              props.buildProject.metricFailedBuilds({ period: Duration.hours(1) }),
            ],
            width: 6,
          }),
          new cloudwatch.LogQueryWidget({
            title: 'Pipeline and blue/green deployments (latest state changes)',
            logGroupNames: [props.releaseLogs.logGroupName],
            queryLines: [
              'fields @timestamp, `detail-type` as change, detail.stage as stage, detail.state as state, detail.deploymentId as deployment',
              'sort @timestamp desc',
              'limit 20',
            ],
            view: cloudwatch.LogQueryVisualizationType.TABLE,
            width: 18,
          }),
        ],
        [
          new cloudwatch.LogQueryWidget({
            title: 'Origin errors (JSON logs)',
            logGroupNames: [props.originLogs.logGroupName],
            queryLines: [
              'fields @timestamp, requestId, method, route, status, msg, err.code',
              'filter level = "error" or level = "fatal" or status >= 500',
              'sort @timestamp desc',
              'limit 50',
            ],
            view: cloudwatch.LogQueryVisualizationType.TABLE,
            width: 24,
          }),
        ],
      ],
    });
  }
}
