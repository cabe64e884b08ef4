import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  type EdgeBundledConfig,
  edgeConfigDefine,
} from '../../../edge/waiting-room/bundled-config';
import { bundleEdgeHandler } from './bundle-edge';

/** Placeholder the compiled CloudFront Function may contain where the KVS id belongs. */
export const KVS_ID_PLACEHOLDER = '__FLOODGATE_KVS_ID__';

/** Props for {@link EdgeFunctionsConstruct}. */
export interface EdgeFunctionsProps {
  /** Absolute path of `edge/waiting-room/handler.ts`. */
  readonly waitingRoomEntry: string;
  /** Baked into the Lambda@Edge bundle as `__FLOODGATE_EDGE_CONFIG__`. */
  readonly edgeConfig: EdgeBundledConfig;
  /** Pre-built code instead of bundling `waitingRoomEntry` (tests). */
  readonly waitingRoomCode?: lambda.Code;
  /** The CloudFront Function source from `compileViewerRequestFunction()` (≤ 10 KB). */
  readonly viewerRequestCode: string;
}

/**
 * The two pieces of code that run at the edge: the waiting-room Lambda@Edge (origin-request on
 * `/wr/*`) and the access-token CloudFront Function (viewer-request on `/api/*`) with the
 * KeyValueStore it reads token keys from (`kid:<kid>` → secret).
 * Lambda@Edge must live in us-east-1, so this construct belongs to the edge stack.
 */
export class EdgeFunctionsConstruct extends Construct {
  /** Numbered version: Lambda@Edge refuses `$LATEST` and aliases. */
  readonly waitingRoomVersion: lambda.IVersion;
  readonly checkAccessToken: cloudfront.Function;
  readonly tokenKeyStore: cloudfront.KeyValueStore;

  constructor(scope: Construct, id: string, props: EdgeFunctionsProps) {
    super(scope, id);
    if (Stack.of(this).region !== 'us-east-1') {
      throw new Error('EdgeFunctionsConstruct must be in a us-east-1 stack (Lambda@Edge rule)');
    }
    if (Buffer.byteLength(props.viewerRequestCode) > 10_240) {
      throw new Error('The viewer-request CloudFront Function is over the 10 KB limit');
    }

    const code =
      props.waitingRoomCode ??
      lambda.Code.fromAsset(
        bundleEdgeHandler({
          entry: props.waitingRoomEntry,
          define: edgeConfigDefine(props.edgeConfig),
        }),
      );
    const waitingRoom = new lambda.Function(this, 'WaitingRoom', {
      description: 'Floodgate waiting room (Lambda@Edge, origin-request on /wr/*)',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.X86_64,
      handler: 'index.handler',
      code,
      memorySize: 512,
      timeout: Duration.seconds(10),
      logGroup: new logs.LogGroup(this, 'WaitingRoomLogs', {
        retention: logs.RetentionDays.TWO_WEEKS,
      }),
    });
    this.waitingRoomVersion = waitingRoom.currentVersion;

    // Token keys are not in the template: they are imported from a staged asset once, and
    // rotated afterwards with `aws cloudfront-keyvaluestore put-key` (see infra/README.md).
    this.tokenKeyStore = new cloudfront.KeyValueStore(this, 'TokenKeys', {
      comment: 'Floodgate access-token keys: kid:<kid> -> secret, plus activeKid',
      source: cloudfront.ImportSource.fromInline(kvsImport(props.edgeConfig.keys)),
    });

    this.checkAccessToken = new cloudfront.Function(this, 'CheckAccessToken', {
      comment: 'Floodgate: verify the access token on buying requests',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      keyValueStore: this.tokenKeyStore,
      code: cloudfront.FunctionCode.fromInline(
        props.viewerRequestCode.replaceAll(KVS_ID_PLACEHOLDER, this.tokenKeyStore.keyValueStoreId),
      ),
    });
  }
}

/** KeyValueStore import document: `{ data: [{ key, value }] }`. */
export function kvsImport(tokenKeys: EdgeBundledConfig['keys']): string {
  const data = Object.entries(tokenKeys.keys).map(([kid, secret]) => ({
    key: `kid:${kid}`,
    value: secret,
  }));
  data.push({ key: 'activeKid', value: tokenKeys.activeKid });
  return JSON.stringify({ data });
}
