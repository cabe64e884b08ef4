import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthTestApp } from '../../testing/test-app';
import { ORIGIN_TABLE_ACTIONS } from '../origin/origin-service-construct';

const stacks = synthTestApp();
const templates = Object.values(stacks).map((stack: Stack) => ({
  name: stack.stackName,
  template: Template.fromStack(stack),
}));

interface Statement {
  Effect: string;
  Action?: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

/** Every inline policy statement of every stack, with where it sits. */
const statements = templates.flatMap(({ name, template }) =>
  Object.entries(template.findResources('AWS::IAM::Policy')).flatMap(([id, policy]) =>
    (policy.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({
      where: `${name}/${id}`,
      statement,
      actions: [statement.Action ?? []].flat(),
    })),
  ),
);

/**
 * Actions AWS offers no resource-level permissions for, so `Resource: *` is the only choice.
 * Anything else on `*` fails the test.
 */
const UNSCOPABLE = new Set([
  'ecr:GetAuthorizationToken',
  'ecs:DescribeTaskDefinition',
  'ecs:RegisterTaskDefinition',
  // CDK's BucketDeployment provider (first storefront upload), CDK-managed.
  'cloudfront:GetInvalidation',
  'cloudfront:CreateInvalidation',
  // Conditioned on iam:PassedToService = ecs-tasks and capped by an explicit deny (below).
  'iam:PassRole',
]);

function policyOf(stack: Stack, roleLogicalIdPrefix: string) {
  const template = Template.fromStack(stack);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    JSON.stringify(p.Properties.Roles).includes(roleLogicalIdPrefix),
  );
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

describe('IAM: least privilege', () => {
  it('never grants a wildcard action ("*" or "service:*")', () => {
    expect(statements.length, 'policies were found at all').toBeGreaterThan(20);
    const wild = statements.filter(({ actions }) =>
      actions.some((a) => a === '*' || /:\*$/.test(a)),
    );
    expect(wild.map((s) => `${s.where}: ${s.actions.join(',')}`)).toEqual([]);
  });

  it('uses Resource "*" only for actions that cannot be scoped to a resource', () => {
    const unscoped = statements.filter(
      ({ statement, actions }) =>
        statement.Effect === 'Allow' &&
        [statement.Resource].flat().includes('*') &&
        actions.some((action) => !UNSCOPABLE.has(action)),
    );
    expect(unscoped.map((s) => `${s.where}: ${s.actions.join(',')}`)).toEqual([]);
  });

  it('lets the origin tasks call exactly the DynamoDB operations they use, on the table and its events index', () => {
    const table = policyOf(stacks.origin, 'OriginTaskTaskRole').filter((s) =>
      [s.Action].flat().some((a) => String(a).startsWith('dynamodb:')),
    );
    expect(table).toHaveLength(1);
    expect([table[0]?.Action].flat().sort()).toEqual(
      ORIGIN_TABLE_ACTIONS.map((a) => `dynamodb:${a}`).sort(),
    );
    const resources = JSON.stringify(table[0]?.Resource);
    expect(resources).toContain('/index/gsi1');
    expect(resources).not.toContain('*');
    expect(JSON.stringify(table)).not.toMatch(/dynamodb:(Scan|DeleteTable|CreateTable|GetRecords)/);
  });

  it('lets the task execution role read only the floodgate/app secret and pull only from the release repository', () => {
    const statementsOfExecution = policyOf(stacks.origin, 'OriginTaskExecutionRole');
    const secret = statementsOfExecution.find((s) =>
      [s.Action].flat().includes('secretsmanager:GetSecretValue'),
    );
    expect(JSON.stringify(secret?.Resource)).toContain(':secret:floodgate/app-??????');
    const pull = statementsOfExecution.find((s) => [s.Action].flat().includes('ecr:BatchGetImage'));
    expect(JSON.stringify(pull?.Resource)).toContain('Images');
  });

  it('denies the blue/green action passing any role but the origin task and execution roles', () => {
    Template.fromStack(stacks.pipeline).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'iam:PassRole',
            NotResource: [Match.anyValue(), Match.anyValue()],
          }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Condition: {
              StringEqualsIfExists: { 'iam:PassedToService': ['ecs-tasks.amazonaws.com'] },
            },
          }),
        ]),
      },
    });
  });

  it('lets the storefront publish step invalidate only this distribution', () => {
    const invalidate = policyOf(stacks.pipeline, 'ReleasePublishStorefrontRole').find((s) =>
      [s.Action].flat().includes('cloudfront:CreateInvalidation'),
    );
    expect(JSON.stringify(invalidate?.Resource)).toContain(':distribution/');
  });

  it('lets EventBridge write only the release log group', () => {
    const [policy] = Object.values(
      Template.fromStack(stacks.observability).findResources('AWS::Logs::ResourcePolicy'),
    );
    // The document is a Fn::Join around the log group ARN: check its pieces.
    const text = JSON.stringify(policy?.Properties.PolicyDocument).replaceAll('\\"', '"');
    expect(text).toContain('"Action":["logs:CreateLogStream","logs:PutLogEvents"]');
    expect(text).toContain('ReleaseEventsLogs');
    expect(text).not.toContain('"Resource":"*"');
  });
});
