import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll } from 'vitest';
import { compileViewerRequestFunction } from '../../edge/viewer-request/compile';
import { type InfraConfig, readInfraConfig } from '../lib/config';
import { createFloodgateStacks, type FloodgateStacks, REPO_ROOT } from '../lib/floodgate-app';

/** The context (feature flags included) `cdk synth` reads from cdk.json. */
export const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(`${REPO_ROOT}cdk.json`, 'utf8')) as { context: Record<string, unknown> }
).context;

/** A fixed "now" for tests, before {@link TEST_ON_SALE} and after {@link TEST_PAST_ON_SALE}. */
export const TEST_NOW = new Date('2030-01-01T00:00:00Z');
export const TEST_ON_SALE = new Date('2030-03-01T18:00:00Z');
export const TEST_PAST_ON_SALE = new Date('2029-12-01T18:00:00Z');

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A tiny storefront build so the S3 deployments are part of the template. */
function fakeWebBuild(): string {
  const dir = tempDir('floodgate-web-');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script src="/assets/app-1a2b.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
  return dir;
}

/** Test settings: what `cdk.json` context would give, plus on-sale times and an alarm email. */
export function testConfig(overrides: Record<string, string> = {}): InfraConfig {
  const settings: Record<string, string> = {
    account: '123456789012',
    region: 'eu-west-1',
    alarmEmail: 'ops@example.com',
    onSaleTimes: `${TEST_PAST_ON_SALE.toISOString()},${TEST_ON_SALE.toISOString()}`,
    connectionArn:
      'arn:aws:codeconnections:eu-west-1:123456789012:connection/11111111-2222-3333-4444-555555555555',
    repository: 'acme/floodgate',
    cloudFrontPrefixListId: 'pl-4fa04526',
    publicUrl: 'https://tickets.example.com',
    webDistDir: fakeWebBuild(),
    // A real-looking account without the edge secrets: synth would refuse without this.
    allowPlaceholders: 'true',
    ...overrides,
  };
  return readInfraConfig((key) => settings[key]);
}

/**
 * Builds the whole app once, with the real compiled CloudFront Function and stand-ins for the
 * slow inputs (Docker image, Lambda@Edge bundle: bundle-edge.test.ts covers it). Once per file.
 */
export function synthTestApp(config: InfraConfig = testConfig()): FloodgateStacks {
  // CDK's built-in CloudFormation validation takes ~10 s; `cdk synth` in the build still runs it.
  const app = new App({
    outdir: tempDir('floodgate-cdk-'),
    // The feature flags change templates (policies, pipeline keys): test what deploys.
    context: CDK_JSON_CONTEXT,
    builtinCloudFormationValidation: false,
  });
  return createFloodgateStacks(app, config, {
    viewerRequestCode: compileViewerRequestFunction(),
    waitingRoomCode: lambda.Code.fromInline('exports.handler = async () => ({ status: "200" });'),
    originImage: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
    now: TEST_NOW,
  });
}
