import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DOMAIN_EVENT_TYPES, EVENT_SOURCE } from '../../../origin/services/outbox/events';
import { synthTestApp } from '../../testing/test-app';

const { origin } = synthTestApp();
const template = Template.fromStack(origin);

describe('domain events on EventBridge', () => {
  it('has a bus of its own, named after the stack', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::EventBus', {
      Name: Match.stringLikeRegexp('-domain-events$'),
    });
  });

  it('routes every Floodgate domain event type from that bus into a short-lived log group', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(),
      EventPattern: { source: [EVENT_SOURCE], 'detail-type': [...DOMAIN_EVENT_TYPES] },
      Targets: [Match.objectLike({ Arn: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('^/aws/events/.+-domain-events$'),
      RetentionInDays: 7,
    });
    template.hasResourceProperties('AWS::Events::Archive', {
      RetentionDays: 7,
      EventPattern: { source: [EVENT_SOURCE] },
    });
  });

  it('lets the origin task role PutEvents on this bus only, and tells the container its name', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes('OriginTaskTaskRole'),
    );
    const statements = policies.flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[],
    );
    const put = statements.filter((s) => [s.Action].flat().includes('events:PutEvents'));
    expect(put).toHaveLength(1);
    expect(JSON.stringify(put[0]?.Resource)).toContain('DomainEventsBus');
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Environment: Match.arrayWith([
            Match.objectLike({ Name: 'EVENT_BUS_NAME', Value: Match.anyValue() }),
          ]),
        }),
      ]),
    });
  });
});
