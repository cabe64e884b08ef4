import { Duration } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import type * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as cpactions from 'aws-cdk-lib/aws-codepipeline-actions';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { publishStorefrontSpec } from './publish-storefront-spec';

/** Props for {@link PipelineConstruct}. */
export interface PipelineProps {
  /** CodeStar (CodeConnections) connection to the Git host. */
  readonly connectionArn: string;
  /** `owner/name` of the repository, and the branch that releases. */
  readonly repository: string;
  readonly branch: string;
  readonly imageRepository: ecr.IRepository;
  readonly deploymentGroup: codedeploy.IEcsDeploymentGroup;
  /** Family of the origin task definition the build copies into taskdef.json. */
  readonly taskFamily: string;
  readonly containerName: string;
  readonly containerPort: number;
  /** The task and execution roles of the origin: the only roles a deployment may pass to ECS. */
  readonly taskRoles: readonly iam.IRole[];
  /** Secret whose fields feed the edge bundle at synth (upstashUrl, upstashToken, tokenKeys). */
  readonly appSecret: secretsmanager.ISecret;
  readonly storefrontBucket: s3.IBucket;
  readonly distribution: cloudfront.IDistribution;
}

/** Artifact names; buildspec.yml's `secondary-artifacts` must use the same identifiers. */
export const ARTIFACTS = {
  deploy: 'deploy',
  storefront: 'storefront',
  cloudAssembly: 'cloudassembly',
} as const;

/**
 * Release pipeline: source → build (buildspec.yml: tests, web, edge, image, synth) →
 * origin blue/green through CodeDeploy → storefront to S3 with a CloudFront invalidation.
 * Infrastructure changes are deployed with `cdk deploy` from the cloud assembly artifact.
 */
export class PipelineConstruct extends Construct {
  readonly pipeline: codepipeline.Pipeline;
  readonly buildProject: codebuild.PipelineProject;
  readonly publishProject: codebuild.PipelineProject;
  /** The role the CodeDeploy blue/green action runs as. */
  readonly blueGreenActionRole: iam.Role;

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    const [owner, repo] = props.repository.split('/') as [string, string];
    const source = new codepipeline.Artifact('source');
    const deploy = new codepipeline.Artifact(ARTIFACTS.deploy);
    const storefront = new codepipeline.Artifact(ARTIFACTS.storefront);
    const cloudAssembly = new codepipeline.Artifact(ARTIFACTS.cloudAssembly);

    const secretField = (field: string): codebuild.BuildEnvironmentVariable => ({
      type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER,
      value: `${props.appSecret.secretName}:${field}`,
    });
    this.buildProject = new codebuild.PipelineProject(this, 'Build', {
      description: 'Floodgate: test, build web/edge/image, synth',
      buildSpec: codebuild.BuildSpec.fromSourceFilename('buildspec.yml'),
      environment: {
        buildImage: codebuild.LinuxBuildImage.STANDARD_7_0,
        computeType: codebuild.ComputeType.MEDIUM,
        // Docker builds the origin image.
        privileged: true,
      },
      environmentVariables: {
        IMAGE_REPOSITORY_URI: { value: props.imageRepository.repositoryUri },
        TASK_FAMILY: { value: props.taskFamily },
        CONTAINER_NAME: { value: props.containerName },
        CONTAINER_PORT: { value: String(props.containerPort) },
        UPSTASH_REDIS_REST_URL: secretField('upstashUrl'),
        UPSTASH_REDIS_REST_TOKEN: secretField('upstashToken'),
        FLOODGATE_TOKEN_KEYS: secretField('tokenKeys'),
      },
      timeout: Duration.minutes(45),
    });
    props.imageRepository.grantPullPush(this.buildProject);
    props.appSecret.grantRead(this.buildProject);
    this.buildProject.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['ecs:DescribeTaskDefinition'], resources: ['*'] }),
    );

    const publish = new codebuild.PipelineProject(this, 'PublishStorefront', {
      description: 'Floodgate: storefront to S3, then invalidate the pages',
      buildSpec: publishStorefrontSpec(),
      environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 },
      environmentVariables: {
        BUCKET: { value: props.storefrontBucket.bucketName },
        DISTRIBUTION_ID: { value: props.distribution.distributionId },
      },
    });
    this.publishProject = publish;
    props.storefrontBucket.grantReadWrite(publish);
    props.distribution.grantCreateInvalidation(publish);

    // The deploy action's built-in grant lets it pass any role to ECS tasks; only the origin's
    // own task and execution roles may be passed (an explicit deny beats that allow).
    const blueGreenRole = new iam.Role(this, 'BlueGreenActionRole', {
      assumedBy: new iam.AccountRootPrincipal(),
      description: 'Floodgate pipeline: CodeDeploy ECS blue/green action',
    });
    this.blueGreenActionRole = blueGreenRole;
    blueGreenRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['iam:PassRole'],
        notResources: props.taskRoles.map((role) => role.roleArn),
      }),
    );

    this.pipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineType: codepipeline.PipelineType.V2,
      // Same account only: the artifact bucket uses S3-managed keys, no KMS key to pay for.
      crossAccountKeys: false,
      restartExecutionOnUpdate: false,
      stages: [
        {
          stageName: 'Source',
          actions: [
            new cpactions.CodeStarConnectionsSourceAction({
              actionName: 'Source',
              connectionArn: props.connectionArn,
              owner,
              repo,
              branch: props.branch,
              output: source,
            }),
          ],
        },
        {
          stageName: 'Build',
          actions: [
            new cpactions.CodeBuildAction({
              actionName: 'TestAndBuild',
              project: this.buildProject,
              input: source,
              outputs: [deploy, storefront, cloudAssembly],
            }),
          ],
        },
        {
          stageName: 'DeployOrigin',
          actions: [
            new cpactions.CodeDeployEcsDeployAction({
              actionName: 'BlueGreen',
              role: blueGreenRole,
              deploymentGroup: props.deploymentGroup,
              appSpecTemplateInput: deploy,
              taskDefinitionTemplateInput: deploy,
              containerImageInputs: [{ input: deploy, taskDefinitionPlaceholder: 'IMAGE1_NAME' }],
            }),
          ],
        },
        {
          stageName: 'PublishStorefront',
          actions: [
            new cpactions.CodeBuildAction({
              actionName: 'SyncAndInvalidate',
              project: publish,
              input: storefront,
            }),
          ],
        },
      ],
    });
  }
}
