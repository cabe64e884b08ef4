import { buildFloodgateCdkApp } from '../lib/floodgate-cdk-app';

/**
 * The Floodgate CDK app (`npm run synth`, `npx cdk deploy --all`). Reads context and environment
 * once, in buildFloodgateCdkApp; see infra/README.md for every setting.
 */
buildFloodgateCdkApp().app.synth();
