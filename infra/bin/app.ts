import { App } from 'aws-cdk-lib';
import { compileViewerRequestFunction } from '../../edge/viewer-request/compile';
import { readInfraConfig } from '../lib/config';
import { createFloodgateStacks } from '../lib/floodgate-app';

/**
 * The Floodgate CDK app (`npx cdk synth`, `npx cdk deploy --all`). Reads context and environment
 * once, here; see infra/README.md for every setting.
 */
const app = new App();
const config = readInfraConfig((key, envKey) => {
  const fromContext: unknown = app.node.tryGetContext(key);
  if (fromContext !== undefined && fromContext !== null) return String(fromContext);
  return envKey ? process.env[envKey] : undefined;
});
createFloodgateStacks(app, config, { viewerRequestCode: compileViewerRequestFunction() });
app.synth();
