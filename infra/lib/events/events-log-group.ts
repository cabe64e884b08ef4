import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Props for {@link eventsLogGroup}. */
export interface EventsLogGroupProps {
  /** Ends the log group's name: `/aws/events/<stack>-<suffix>`. */
  readonly nameSuffix: string;
  readonly retention: logs.RetentionDays;
}

/** A log group EventBridge rules deliver to, and the rule target that points at it. */
export interface EventsLogGroup {
  readonly logGroup: logs.LogGroup;
  readonly target: events.IRuleTarget;
}

/**
 * A log group EventBridge rules can copy events into (`Logs` and `EventsMayWrite` in `scope`).
 * It is written through a resource policy, not the custom resource `targets.CloudWatchLogGroup`
 * would add (a Lambda function just to set a policy).
 * @example
 * const { target } = eventsLogGroup(this, { nameSuffix: 'releases', retention: logs.RetentionDays.THREE_MONTHS });
 * new events.Rule(this, 'Pipeline', { eventPattern, targets: [target] });
 */
export function eventsLogGroup(scope: Construct, props: EventsLogGroupProps): EventsLogGroup {
  const logGroup = new logs.LogGroup(scope, 'Logs', {
    // EventBridge only delivers to log groups under /aws/events/.
    logGroupName: `/aws/events/${Stack.of(scope).stackName}-${props.nameSuffix}`,
    retention: props.retention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  new logs.ResourcePolicy(scope, 'EventsMayWrite', {
    policyStatements: [
      new iam.PolicyStatement({
        principals: [
          new iam.ServicePrincipal('events.amazonaws.com'),
          new iam.ServicePrincipal('delivery.logs.amazonaws.com'),
        ],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    ],
  });
  return { logGroup, target: { bind: () => ({ arn: logGroup.logGroupArn }) } };
}
