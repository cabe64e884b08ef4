import { Duration, Stack } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DOMAIN_EVENT_TYPES, EVENT_SOURCE } from '../../../origin/services/outbox/events';
import { eventsLogGroup } from './events-log-group';

/** Props for {@link DomainEventsConstruct}. */
export interface DomainEventsProps {
  /** The origin's task role: allowed `events:PutEvents` on this bus and nothing else. */
  readonly taskRole: iam.IRole;
  /** The origin container: gets `EVENT_BUS_NAME`, which switches the relay to EventBridge. */
  readonly container: ecs.ContainerDefinition;
}

/**
 * The bus for the origin's domain events (order confirmed / failed / refunded, confirmation
 * re-sent, hold expired), published by the outbox relay at least once (consumers deduplicate by
 * `detail.id`). A rule copies every Floodgate event into a log group (an audit trail a consumer
 * such as an email sender can be checked against); an archive keeps them a week for replay.
 * Buyer emails are in the events, so both keep them no longer than that.
 */
export class DomainEventsConstruct extends Construct {
  readonly bus: events.EventBus;
  readonly logGroup: logs.LogGroup;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: DomainEventsProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    this.bus = new events.EventBus(this, 'Bus', {
      eventBusName: `${stackName}-domain-events`,
      description: 'Floodgate origin domain events (outbox relay)',
    });
    this.bus.archive('Archive', {
      description: 'Domain events kept for replay',
      eventPattern: { source: [EVENT_SOURCE] },
      retention: Duration.days(7),
    });
    const log = eventsLogGroup(this, {
      nameSuffix: 'domain-events',
      retention: logs.RetentionDays.ONE_WEEK,
    });
    this.logGroup = log.logGroup;
    this.rule = new events.Rule(this, 'AllDomainEvents', {
      eventBus: this.bus,
      description: 'Every Floodgate domain event → domain event log',
      eventPattern: { source: [EVENT_SOURCE], detailType: [...DOMAIN_EVENT_TYPES] },
      targets: [log.target],
    });
    this.bus.grantPutEventsTo(props.taskRole);
    props.container.addEnvironment('EVENT_BUS_NAME', this.bus.eventBusName);
  }
}
