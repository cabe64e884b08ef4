import { Stack, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { CONTAINER_NAME, CONTAINER_PORT } from '../origin/origin-service-construct';
import { PipelineConstruct } from '../pipeline/pipeline-construct';
import type { EdgeStack } from './edge-stack';
import type { OriginStack } from './origin-stack';

/** Props for {@link PipelineStack}. */
export interface PipelineStackProps extends StackProps {
  readonly origin: OriginStack;
  readonly edge: EdgeStack;
  readonly connectionArn: string;
  readonly repository: string;
  readonly branch: string;
  readonly appSecretName: string;
}

/** The release pipeline, in the app's region (the storefront bucket and CDN are cross-region). */
export class PipelineStack extends Stack {
  readonly release: PipelineConstruct;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { origin, edge } = props;
    this.release = new PipelineConstruct(this, 'Release', {
      connectionArn: props.connectionArn,
      repository: props.repository,
      branch: props.branch,
      imageRepository: origin.imageRepository,
      deploymentGroup: origin.blueGreen.deploymentGroup,
      taskFamily: origin.service.taskDefinition.family,
      containerName: CONTAINER_NAME,
      containerPort: CONTAINER_PORT,
      taskRoles: [
        origin.service.taskDefinition.taskRole,
        origin.service.taskDefinition.obtainExecutionRole(),
      ],
      appSecret: secretsmanager.Secret.fromSecretNameV2(this, 'AppSecret', props.appSecretName),
      storefrontBucket: edge.storefront.bucket,
      distribution: edge.cdn.distribution,
    });
  }
}
