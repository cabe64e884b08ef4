import { fileURLToPath } from 'node:url';
import { Annotations, type App, type Environment } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { acknowledgeNagFindings } from './compliance/nag-acknowledgements';
import { type InfraConfig, PLACEHOLDER } from './config';
import { EdgeStack } from './stacks/edge-stack';
import { ObservabilityStack } from './stacks/observability-stack';
import { OriginStack } from './stacks/origin-stack';
import { PipelineStack } from './stacks/pipeline-stack';
import { StateStack } from './stacks/state-stack';

/** The repository root (the Docker build context). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The Lambda@Edge entry bundled into the edge stack. */
export const WAITING_ROOM_ENTRY = `${REPO_ROOT}edge/waiting-room/handler.ts`;
/** Name of the Secrets Manager secret holding the app's secrets (see infra/README.md). */
export const APP_SECRET_NAME = 'floodgate/app';

/** Code inputs that are built outside CDK constructs (async or slow), handed in ready. */
export interface FloodgateCode {
  /** From `compileViewerRequestFunction()` (edge/viewer-request/compile.ts). */
  readonly viewerRequestCode: string;
  /** Overrides bundling `edge/waiting-room/handler.ts` (tests). */
  readonly waitingRoomCode?: lambda.Code;
  /** Overrides building the root Dockerfile (tests). */
  readonly originImage?: ecs.ContainerImage;
  /** Reference time for on-sale schedules (tests); defaults to now. */
  readonly now?: Date;
}

/** The five stacks, for tests and for wiring outputs. */
export interface FloodgateStacks {
  readonly state: StateStack;
  readonly origin: OriginStack;
  readonly edge: EdgeStack;
  readonly pipeline: PipelineStack;
  readonly observability: ObservabilityStack;
}

/** The environment variables the edge secrets come from (infra/README.md, "Settings"). */
export const EDGE_SECRET_VARIABLES = [
  'UPSTASH_REDIS_REST_URL',
  'UPSTASH_REDIS_REST_TOKEN',
  'FLOODGATE_TOKEN_KEYS',
] as const;

/**
 * Refuses to synthesize the edge with placeholder credentials for a real account: such a
 * template deploys cleanly and then fails every join at the edge. The offline placeholder
 * account (`000000000000`, no account given) may, and so may `-c allowPlaceholders=true`.
 * @throws Error naming the missing variables and both ways out.
 */
export function assertEdgeSecretsForRealAccount(config: InfraConfig): void {
  if (!config.edgeUsesPlaceholders || config.allowPlaceholders) return;
  if (config.account === PLACEHOLDER.account) return;
  throw new Error(
    `account ${config.account} is a real account but ${EDGE_SECRET_VARIABLES.join(', ')} are ` +
      'not all set: the Lambda@Edge bundle and token key store would hold placeholder ' +
      'credentials. Export them from the floodgate/app secret (infra/README.md, "Settings"), ' +
      'or pass -c allowPlaceholders=true to synthesize anyway (never deploy that).',
  );
}

/**
 * Adds Floodgate's stacks to an app: state, origin, pipeline and observability in the home
 * region, edge in us-east-1, linked by CDK cross-region references (SSM parameters written at
 * deploy). Accepted cdk-nag findings are acknowledged here, each with its reason.
 * @example createFloodgateStacks(new App(), readInfraConfig(read), { viewerRequestCode })
 */
export function createFloodgateStacks(
  app: App,
  config: InfraConfig,
  code: FloodgateCode,
): FloodgateStacks {
  assertEdgeSecretsForRealAccount(config);
  const home: Environment = { account: config.account, region: config.region };
  const edgeEnv: Environment = { account: config.account, region: 'us-east-1' };
  const common = { crossRegionReferences: true, tags: { project: 'floodgate' } };

  const state = new StateStack(app, 'FloodgateState', {
    env: home,
    ...common,
    availabilityZones: config.availabilityZones,
  });
  const origin = new OriginStack(app, 'FloodgateOrigin', {
    env: home,
    ...common,
    state,
    image:
      code.originImage ??
      ecs.ContainerImage.fromAsset(REPO_ROOT, {
        file: 'Dockerfile',
        platform: Platform.LINUX_AMD64,
      }),
    appSecretName: APP_SECRET_NAME,
    roomKeyPrefix: config.edge.keyPrefix,
    publicUrl: config.publicUrl,
    onSaleTimes: config.onSaleTimes,
    alarmEmail: config.alarmEmail,
    cloudFrontPrefixListId: config.cloudFrontPrefixListId,
    now: code.now,
  });
  const edge = new EdgeStack(app, 'FloodgateEdge', {
    env: edgeEnv,
    ...common,
    apiDomainName: origin.service.loadBalancer.loadBalancerDnsName,
    edgeConfig: config.edge,
    waitingRoomEntry: WAITING_ROOM_ENTRY,
    waitingRoomCode: code.waitingRoomCode,
    viewerRequestCode: code.viewerRequestCode,
    webDistDir: config.webDistDir,
    domain: config.domain,
    certificateArn: config.certificateArn,
  });
  if (config.edgeUsesPlaceholders) {
    Annotations.of(edge).addWarningV2(
      'floodgate:edge-placeholders',
      `${EDGE_SECRET_VARIABLES.join(' / ')} not set: the ` +
        'edge bundle and token key store hold placeholders (fine for synth, not for deploy)',
    );
  }
  const pipeline = new PipelineStack(app, 'FloodgatePipeline', {
    env: home,
    ...common,
    origin,
    edge,
    connectionArn: config.connectionArn,
    repository: config.repository,
    branch: config.branch,
    appSecretName: APP_SECRET_NAME,
  });
  const observability = new ObservabilityStack(app, 'FloodgateObservability', {
    env: home,
    ...common,
    origin,
    pipeline,
  });
  const stacks = { state, origin, edge, pipeline, observability };
  acknowledgeNagFindings(stacks, { customDomain: Boolean(config.certificateArn) });
  return stacks;
}
