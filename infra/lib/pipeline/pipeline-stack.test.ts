import { readFileSync } from 'node:fs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../../tests/e2e/browser';
import { synthTestApp } from '../../testing/test-app';
import { REPO_ROOT } from '../floodgate-app';
import { ARTIFACTS } from './pipeline-construct';

const { pipeline } = synthTestApp();
const template = Template.fromStack(pipeline);
const buildspec = readFileSync(`${REPO_ROOT}buildspec.yml`, 'utf8');

describe('release pipeline', () => {
  it('runs source → build → origin blue/green → storefront, in that order', () => {
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      PipelineType: 'V2',
      Stages: [
        Match.objectLike({
          Name: 'Source',
          Actions: [
            Match.objectLike({
              ActionTypeId: Match.objectLike({ Provider: 'CodeStarSourceConnection' }),
              Configuration: Match.objectLike({ FullRepositoryId: 'acme/floodgate' }),
            }),
          ],
        }),
        Match.objectLike({ Name: 'Build' }),
        Match.objectLike({
          Name: 'DeployOrigin',
          Actions: [
            Match.objectLike({
              ActionTypeId: Match.objectLike({ Provider: 'CodeDeployToECS' }),
              Configuration: Match.objectLike({
                TaskDefinitionTemplatePath: 'taskdef.json',
                AppSpecTemplatePath: 'appspec.yaml',
                Image1ContainerName: 'IMAGE1_NAME',
              }),
            }),
          ],
        }),
        Match.objectLike({ Name: 'PublishStorefront' }),
      ],
    });
  });

  it('builds with the repository buildspec on a privileged image (Docker) with edge secrets from Secrets Manager', () => {
    template.hasResourceProperties('AWS::CodeBuild::Project', {
      Source: { Type: 'CODEPIPELINE', BuildSpec: 'buildspec.yml' },
      Environment: Match.objectLike({
        PrivilegedMode: true,
        EnvironmentVariables: Match.arrayWith([
          {
            Name: 'UPSTASH_REDIS_REST_URL',
            Type: 'SECRETS_MANAGER',
            Value: 'floodgate/app:upstashUrl',
          },
          {
            Name: 'FLOODGATE_TOKEN_KEYS',
            Type: 'SECRETS_MANAGER',
            Value: 'floodgate/app:tokenKeys',
          },
        ]),
      }),
    });
  });

  it('publishes the storefront with an invalidation of the pages', () => {
    const projects = JSON.stringify(template.findResources('AWS::CodeBuild::Project'));
    expect(projects).toContain('aws cloudfront create-invalidation');
    expect(projects).toContain('DISTRIBUTION_ID');
  });
});

describe('buildspec.yml', () => {
  it('uses the Node 22 runtime and runs npm ci, npm test (with Redis), build:web, build:edge, cdk synth in order', () => {
    expect(buildspec).toMatch(/runtime-versions:\s*\n\s*nodejs: 22/);
    const steps = [
      'npm ci',
      'redis-server --port 6379',
      'npm test',
      'npm run build:web',
      'npm run build:edge',
      'npx cdk synth',
    ];
    const positions = steps.map((step) => buildspec.indexOf(step));
    expect(
      positions.every((p) => p >= 0),
      JSON.stringify(positions),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('runs exactly the test command the README gives developers (npm test), as a build command', () => {
    const readme = readFileSync(`${REPO_ROOT}README.md`, 'utf8');
    const shellLines = [...readme.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].flatMap(
      (block) => (block[1] as string).split('\n'),
    );
    const readmeTest = shellLines
      .map((line) => line.split('#')[0]?.trim() ?? '')
      .find((command) => /^npm (run )?test\b/.test(command));
    expect(readmeTest, 'README shows a test command in a shell block').toBe('npm test');
    const buildCommands = buildspec
      .split('\n')
      .map((line) => line.match(/^\s+- (.+)$/)?.[1]?.trim())
      .filter((command): command is string => Boolean(command));
    expect(buildCommands).toContain(readmeTest);
    const pkg = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8'));
    expect(pkg.scripts.test).toContain('vitest run');
  });

  it('installs Chromium where the browser suites launch it, before npm test (CI=true makes them mandatory)', () => {
    const install = buildspec.slice(
      buildspec.indexOf('  install:'),
      buildspec.indexOf('  pre_build:'),
    );
    expect(buildspec).toMatch(/\n {4}CI: "true"\n/);
    expect(install).toContain('npx playwright-core install --with-deps --no-shell chromium');
    // The link target is the binary the tests pass as executablePath, and it is checked to run.
    const link = install.match(/- ln -sf "\$\(node -p "(.+)"\)" (\S+)\n/);
    expect(link?.[1]).toBe("require('playwright-core').chromium.executablePath()");
    expect(link?.[2]).toBe(CHROMIUM);
    expect(install).toContain(`- ${CHROMIUM} --version`);
    expect(buildspec.indexOf(`- ${CHROMIUM} --version`)).toBeLessThan(
      buildspec.indexOf('- npm test'),
    );
    // npx resolves playwright-core from node_modules, so npm ci must come first.
    expect(install.indexOf('npm ci')).toBeLessThan(install.indexOf('playwright-core install'));
  });

  it('declares one secondary artifact per pipeline output, with matching names', () => {
    const secondary = buildspec.slice(buildspec.indexOf('secondary-artifacts:'));
    for (const name of Object.values(ARTIFACTS)) {
      expect(secondary, name).toMatch(new RegExp(`\\n {4}${name}:\\n {6}base-directory: `));
    }
  });
});
