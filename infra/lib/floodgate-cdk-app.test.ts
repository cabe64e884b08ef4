import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CDK_JSON_CONTEXT, tempDir } from '../testing/test-app';
import { REPO_ROOT } from './floodgate-app';
import { buildFloodgateCdkApp } from './floodgate-cdk-app';

const cdkJson = JSON.parse(readFileSync(`${REPO_ROOT}cdk.json`, 'utf8')) as { app: string };

describe('npm run synth (the CDK app, in-process)', () => {
  it('is the app cdk.json runs', () => {
    expect(cdkJson.app).toBe('npx tsx infra/bin/app.ts');
    expect(readFileSync(`${REPO_ROOT}infra/bin/app.ts`, 'utf8')).toContain(
      'buildFloodgateCdkApp().app.synth()',
    );
  });

  it('synthesizes every stack offline with cdk.json context and no AWS settings or secrets', () => {
    const outdir = tempDir('floodgate-synth-');
    const { app } = buildFloodgateCdkApp({
      outdir,
      context: CDK_JSON_CONTEXT,
      env: {},
      builtinCloudFormationValidation: false,
    });
    const assembly = app.synth();
    expect(assembly.stacks.map((s) => `${s.stackName}@${s.environment.region}`).sort()).toEqual([
      'FloodgateEdge@us-east-1',
      'FloodgateObservability@eu-west-1',
      'FloodgateOrigin@eu-west-1',
      'FloodgatePipeline@eu-west-1',
      'FloodgateState@eu-west-1',
    ]);
    for (const stack of assembly.stacks) {
      expect(Object.keys(stack.template.Resources ?? {}).length, stack.stackName).toBeGreaterThan(
        0,
      );
    }

    // The Lambda@Edge code is a real esbuild bundle made at synth (no Docker).
    const edge = assembly.getStackByName('FloodgateEdge');
    const bundles = readdirSync(outdir).filter((name) =>
      existsSync(join(outdir, name, 'index.mjs')),
    );
    expect(bundles, JSON.stringify(readdirSync(outdir))).toHaveLength(1);
    const bundle = readFileSync(join(outdir, bundles[0] as string, 'index.mjs'), 'utf8');
    expect(bundle).toContain('placeholder.upstash.invalid');
    expect(edge.messages.map((m) => String(m.entry.data)).join('\n')).toContain(
      'floodgate:edge-placeholders',
    );

    // The origin image is declared for deploy time, never built by synth.
    const origin = JSON.parse(
      readFileSync(join(outdir, 'FloodgateOrigin.assets.json'), 'utf8'),
    ) as { dockerImages: Record<string, { source: { directory: string } }> };
    expect(Object.keys(origin.dockerImages)).toHaveLength(1);
  });
});
