import { App } from 'aws-cdk-lib';
import { compileViewerRequestFunction } from '../../edge/viewer-request/compile';
import { readInfraConfig } from './config';
import { createFloodgateStacks, type FloodgateStacks } from './floodgate-app';

/** Inputs of {@link buildFloodgateCdkApp}; the CDK CLI supplies them through the environment. */
export interface FloodgateCdkAppOptions {
  /** Cloud assembly folder; the CLI sets CDK_OUTDIR. */
  readonly outdir?: string;
  /** Context (cdk.json + `-c`); the CLI passes it as CDK_CONTEXT_JSON, which App reads itself. */
  readonly context?: Record<string, unknown>;
  /** Environment variables for settings and edge secrets; defaults to `process.env`. */
  readonly env?: Record<string, string | undefined>;
  /** Off in tests only: CDK's CloudFormation validation adds ~10 s. */
  readonly builtinCloudFormationValidation?: boolean;
}

/**
 * Builds the Floodgate CDK app exactly as `npm run synth` / `cdk deploy` do: settings from
 * context first, then environment; the real CloudFront Function and (at synth) the real
 * Lambda@Edge bundle, made with the local esbuild. Nothing here needs AWS, Docker or network.
 * @example const { app } = buildFloodgateCdkApp(); app.synth();
 */
export function buildFloodgateCdkApp(options: FloodgateCdkAppOptions = {}): {
  app: App;
  stacks: FloodgateStacks;
} {
  const env = options.env ?? process.env;
  const app = new App({
    outdir: options.outdir,
    context: options.context,
    builtinCloudFormationValidation: options.builtinCloudFormationValidation,
  });
  const config = readInfraConfig((key, envKey) => {
    const fromContext: unknown = app.node.tryGetContext(key);
    if (fromContext !== undefined && fromContext !== null) return String(fromContext);
    return envKey ? env[envKey] : undefined;
  });
  const stacks = createFloodgateStacks(app, config, {
    viewerRequestCode: compileViewerRequestFunction(),
  });
  return { app, stacks };
}
