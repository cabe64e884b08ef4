import type * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import type * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { eventsLogGroup } from '../events/events-log-group';

/** Props for {@link ReleaseEventsConstruct}. */
export interface ReleaseEventsProps {
  readonly pipeline: codepipeline.IPipeline;
  readonly deploymentGroup: codedeploy.IEcsDeploymentGroup;
}

/** EventBridge detail types recorded: pipeline and stage changes, blue/green deployment changes. */
export const RELEASE_DETAIL_TYPES = {
  pipeline: [
    'CodePipeline Pipeline Execution State Change',
    'CodePipeline Stage Execution State Change',
  ],
  deployment: ['CodeDeploy Deployment State-change Notification'],
} as const;

/**
 * Pipeline status as data: EventBridge copies every pipeline, stage and blue/green deployment
 * state change (STARTED, SUCCEEDED, FAILED, and CodeDeploy's rollbacks) into one log group, which
 * the dashboard queries with Logs Insights. CodePipeline publishes no status metric of its own.
 * The log group is written through a resource policy, not the custom resource
 * `targets.CloudWatchLogGroup` would add (a Lambda function just to set a policy).
 */
export class ReleaseEventsConstruct extends Construct {
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ReleaseEventsProps) {
    super(scope, id);
    const log = eventsLogGroup(this, {
      nameSuffix: 'releases',
      retention: logs.RetentionDays.THREE_MONTHS,
    });
    this.logGroup = log.logGroup;

    new events.Rule(this, 'Pipeline', {
      description: 'Floodgate release pipeline state changes → release log',
      eventPattern: {
        source: ['aws.codepipeline'],
        detailType: [...RELEASE_DETAIL_TYPES.pipeline],
        detail: { pipeline: [props.pipeline.pipelineName] },
      },
      targets: [log.target],
    });
    new events.Rule(this, 'BlueGreen', {
      description: 'Floodgate origin blue/green deployment state changes → release log',
      eventPattern: {
        source: ['aws.codedeploy'],
        detailType: [...RELEASE_DETAIL_TYPES.deployment],
        detail: { deploymentGroup: [props.deploymentGroup.deploymentGroupName] },
      },
      targets: [log.target],
    });
  }
}
