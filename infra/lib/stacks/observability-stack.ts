import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DashboardConstruct } from '../observability/dashboard-construct';
import { ReleaseEventsConstruct } from '../observability/release-events-construct';
import type { OriginStack } from './origin-stack';
import type { PipelineStack } from './pipeline-stack';

/** Props for {@link ObservabilityStack}. */
export interface ObservabilityStackProps extends StackProps {
  readonly origin: OriginStack;
  readonly pipeline: PipelineStack;
}

/**
 * The CloudWatch dashboard and the release-event log it reads, in the home region. A stack of
 * its own because it reads both the origin and the pipeline (the pipeline already depends on the
 * origin), and so a dashboard edit never touches a running service.
 */
export class ObservabilityStack extends Stack {
  readonly dashboard: DashboardConstruct;
  readonly releaseEvents: ReleaseEventsConstruct;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { origin, pipeline } = props;
    this.releaseEvents = new ReleaseEventsConstruct(this, 'ReleaseEvents', {
      pipeline: pipeline.release.pipeline,
      deploymentGroup: origin.blueGreen.deploymentGroup,
    });
    this.dashboard = new DashboardConstruct(this, 'Dashboard', {
      cluster: origin.service.cluster,
      service: origin.service.service,
      loadBalancer: origin.service.loadBalancer,
      alarms: origin.blueGreen.alarms,
      errorRate: origin.blueGreen.errorRate,
      originLogs: origin.service.logGroup,
      releaseLogs: this.releaseEvents.logGroup,
      buildProject: pipeline.release.buildProject,
    });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboard.dashboardName });
  }
}
