import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { FloodgateStacks } from '../floodgate-app';

/** What changes which findings are accepted. */
export interface NagOptions {
  /** A custom domain with its ACM certificate: the distribution then enforces TLS 1.2+. */
  readonly customDomain: boolean;
}

/** The CDK bootstrap qualifier (default); its asset bucket is named after it. */
const BOOTSTRAP_QUALIFIER = 'hnb659fds';

/** Wildcard actions CDK's `grantRead`/`grantReadWrite` write, always on one named bucket. */
const GRANT_WILDCARDS = [
  's3:GetObject*',
  's3:GetBucket*',
  's3:List*',
  's3:DeleteObject*',
  's3:Abort*',
].map((action) => `Action::${action}`);

function acknowledge(scope: IConstruct, ids: readonly string[], reason: string): void {
  for (const id of ids) Validations.of(scope).acknowledge({ id, reason });
}

const iam5 = (findings: readonly string[]) => findings.map((f) => `AwsSolutions-IAM5[${f}]`);
const iam4 = (policy: string) =>
  `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]`;

/** `<LogicalId>` as cdk-nag prints a reference to a resource. */
function ref(construct: IConstruct, attribute?: string): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  const id = Stack.of(construct).getLogicalId(element);
  return `<${id}${attribute ? `.${attribute}` : ''}>`;
}

/**
 * Records, next to the resources, each cdk-nag AwsSolutions finding Floodgate accepts and why
 * (`Validations.of(…).acknowledge`, cdk-nag 3's replacement for `NagSuppressions`). Everything
 * else is fixed in the constructs; compliance/nag.test.ts fails on any new, unexplained finding.
 */
export function acknowledgeNagFindings(stacks: FloodgateStacks, options: NagOptions): void {
  acknowledgeState(stacks);
  acknowledgeOrigin(stacks);
  acknowledgeEdge(stacks, options);
  acknowledgePipeline(stacks);
}

function acknowledgeState({ state }: FloodgateStacks): void {
  const redis = state.redis.node.findChild('ReplicationGroup');
  acknowledge(
    redis,
    ['AwsSolutions-AEC5'],
    'Port 6379 is reachable only from the origin tasks security group in isolated subnets; ' +
      'a non-default port adds no protection.',
  );
  acknowledge(
    redis,
    ['AwsSolutions-AEC6'],
    'TLS is required and only the origin tasks security group may connect from isolated ' +
      'subnets. AUTH/RBAC needs the origin to read a Redis password (follow-up in infra/README.md).',
  );
}

function acknowledgeOrigin({ origin }: FloodgateStacks): void {
  const { service } = origin;
  acknowledge(
    service.node.findChild('AlbSecurityGroup'),
    ['AwsSolutions-EC23'],
    'Production port: only the CloudFront origin-facing prefix list (cloudFrontPrefixListId); ' +
      'test listener: the VPC CIDR only. cdk-nag cannot resolve either reference.',
  );
  acknowledge(
    service.taskDefinition,
    ['AwsSolutions-ECS2'],
    'Plain environment variables hold non-secret settings only (port, region, table name, ' +
      'Redis host, key prefix); secrets come from Secrets Manager as ECS secrets.',
  );
  acknowledge(
    service.taskDefinition.obtainExecutionRole(),
    iam5(['Resource::*']),
    'ecr:GetAuthorizationToken supports no resource-level permissions; image pulls are scoped ' +
      'to the release repository.',
  );
  acknowledge(
    service.accessLogs,
    ['AwsSolutions-S1'],
    'This bucket receives the ALB access logs; logging access to the log bucket itself would loop.',
  );
  acknowledge(
    origin.blueGreen.deploymentGroup,
    [iam4('AWSCodeDeployRoleForECS')],
    'The AWS-maintained service role policy CodeDeploy ECS blue/green requires.',
  );
}

function acknowledgeEdge({ edge }: FloodgateStacks, options: NagOptions): void {
  const distribution = edge.cdn.distribution;
  if (!options.customDomain) {
    acknowledge(
      distribution,
      ['AwsSolutions-CFR4'],
      'Without a custom domain the default *.cloudfront.net certificate is used, whose TLS ' +
        'policy cannot be set; with domain + certificateArn the distribution enforces TLSv1.2_2021.',
    );
  }
  acknowledge(
    distribution,
    ['AwsSolutions-CFR5'],
    'The API origin is the ALB over HTTP, reachable only from CloudFront (prefix list); HTTPS ' +
      'needs a certificate for the ALB name (known gap in infra/README.md).',
  );
  acknowledge(
    distribution,
    ['AwsSolutions-CFR1'],
    'Tickets are sold to buyers anywhere; organizers who must geo-restrict add it per deployment.',
  );
  const waitingRoom = edge.functions.node.findChild('WaitingRoom');
  acknowledge(
    waitingRoom,
    [iam4('service-role/AWSLambdaBasicExecutionRole')],
    'Lambda@Edge writes logs to /aws/lambda/us-east-1.<name> in every region it runs in, so ' +
      'its log permissions cannot name one log group.',
  );
  acknowledge(
    waitingRoom,
    ['AwsSolutions-L1'],
    'Node.js 22, the newest runtime the bundle targets (esbuild node22) and Lambda@Edge supports.',
  );
  const bucketDeployment = edge.node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (bucketDeployment) {
    const reason =
      "CDK's BucketDeployment provider (first storefront upload): reads the CDK asset bucket, " +
      'writes the storefront bucket, invalidates the distribution; its runtime and role are CDK-managed.';
    acknowledge(
      bucketDeployment,
      [
        iam4('service-role/AWSLambdaBasicExecutionRole'),
        'AwsSolutions-L1',
        ...iam5([
          ...GRANT_WILDCARDS,
          'Resource::*',
          `Resource::${ref(edge.storefront.bucket, 'Arn')}/*`,
          `Resource::arn:<AWS::Partition>:s3:::cdk-${BOOTSTRAP_QUALIFIER}-assets-${edge.account}-${edge.region}/*`,
        ]),
      ],
      reason,
    );
  }
  acknowledge(
    edge.storefront.bucket,
    ['AwsSolutions-S1'],
    'Viewers read it only through CloudFront, whose standard logs record every request; writes ' +
      'come from the pipeline and are in CloudTrail.',
  );
  acknowledge(
    edge.cdn.logBucket,
    ['AwsSolutions-S1'],
    'This bucket receives the CloudFront access logs; logging access to it would loop.',
  );
}

function acknowledgePipeline({ pipeline, edge }: FloodgateStacks): void {
  const { release } = pipeline;
  const { account, region } = pipeline;
  const artifacts = release.pipeline.artifactBucket;
  acknowledge(
    release,
    iam5([...GRANT_WILDCARDS, `Resource::${ref(artifacts, 'Arn')}/*`]),
    "CDK grants on the pipeline's own artifact bucket (object names are per execution).",
  );
  acknowledge(
    release,
    iam5([`Resource::${ref(edge.storefront.bucket, 'Arn')}/*`]),
    'The publish step syncs the whole storefront bucket (every object name is a build output).',
  );
  for (const project of [release.buildProject, release.publishProject]) {
    acknowledge(
      project,
      iam5([
        `Resource::arn:<AWS::Partition>:codebuild:${region}:${account}:report-group/${ref(project)}-*`,
        `Resource::arn:<AWS::Partition>:logs:${region}:${account}:log-group:/aws/codebuild/${ref(project)}:*`,
      ]),
      "CodeBuild's default grants: its own log group's streams and its own report groups.",
    );
  }
  acknowledge(
    release,
    ['AwsSolutions-CB4'],
    'Same-account pipeline (crossAccountKeys: false): artifacts are encrypted with the ' +
      'AWS-managed S3 key; a customer-managed key would add cost, not protection.',
  );
  acknowledge(
    release.buildProject,
    iam5(['Resource::*']),
    'ecr:GetAuthorizationToken and ecs:DescribeTaskDefinition support no resource-level ' +
      'permissions; pushes are scoped to the release repository.',
  );
  acknowledge(
    release.blueGreenActionRole,
    iam5(['Resource::*']),
    'ecs:RegisterTaskDefinition supports no resource-level permissions; iam:PassRole is ' +
      "explicitly denied for every role but the origin's task and execution roles.",
  );
  acknowledge(
    artifacts,
    ['AwsSolutions-S1'],
    'Pipeline artifacts, written and read only by the pipeline roles; API access is in CloudTrail.',
  );
}
