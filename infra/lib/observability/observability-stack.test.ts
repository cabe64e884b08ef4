import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { METRIC, METRICS_NAMESPACE } from '../../../common/metric-names';
import { synthTestApp } from '../../testing/test-app';
import { MAX_5XX_PERCENT, MAX_P95_SECONDS } from '../origin/blue-green-construct';
import { RELEASE_DETAIL_TYPES } from './release-events-construct';

const { observability, origin } = synthTestApp();
const template = Template.fromStack(observability);
const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
/** The dashboard body is a Fn::Join of JSON pieces and references: flatten to searchable text. */
const body = JSON.stringify(dashboard?.Properties.DashboardBody).replaceAll('\\"', '"');

describe('CloudWatch dashboard', () => {
  it('is one dashboard named Floodgate in the home region', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'Floodgate' });
    expect(observability.region).toBe(origin.region);
  });

  it.each([
    ['instance count (Container Insights)', '"ECS/ContainerInsights","RunningTaskCount"'],
    ['ALB latency p95', '"TargetResponseTime"'],
    ['booking throughput', `"${METRICS_NAMESPACE}","${METRIC.seatsSold.name}"`],
    ['holds created', `"${METRICS_NAMESPACE}","${METRIC.holdsCreated.name}"`],
    ['request latency from EMF', `"${METRICS_NAMESPACE}","${METRIC.requestLatency.name}"`],
    ['5xx counted by the origin', `"${METRICS_NAMESPACE}","${METRIC.serverErrors.name}"`],
    ['queue length by event', `MetricName=\\\\"${METRIC.queueLength.name}\\\\"`],
    ['5xx rate', 'IF(requests > 0, 100 * errors / requests, 0)'],
    ['pipeline builds', '"AWS/CodeBuild","SucceededBuilds"'],
    ['pipeline and deployment state changes', 'detail.state'],
  ])('shows %s', (_what, needle) => {
    expect(body).toContain(needle);
  });

  it('draws the blue/green rollback thresholds and shows the rollback alarms', () => {
    expect(body).toContain(`"value":${MAX_P95_SECONDS}`);
    expect(body).toContain(`"value":${MAX_5XX_PERCENT}`);
    expect(body).toContain('"type":"alarm"');
    expect(body).toContain('p95');
  });
});

describe('release events', () => {
  it('records pipeline and blue/green deployment state changes in a log group EventBridge can write', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.codepipeline'],
        'detail-type': [...RELEASE_DETAIL_TYPES.pipeline],
      }),
      Targets: [Match.objectLike({ Arn: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.codedeploy'],
        'detail-type': [...RELEASE_DETAIL_TYPES.deployment],
      }),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('^/aws/events/'),
    });
  });
});
