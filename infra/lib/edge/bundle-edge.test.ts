import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { edgeConfigDefine } from '../../../edge/waiting-room/bundled-config';
import { tempDir, testConfig } from '../../testing/test-app';
import { WAITING_ROOM_ENTRY } from '../floodgate-app';
import { bundleEdgeHandler, EDGE_BUNDLE_FILE } from './bundle-edge';

describe('bundleEdgeHandler', () => {
  it('bakes the config into a single ESM file whose handler reads it (no env vars at the edge)', async () => {
    const dir = tempDir('floodgate-bundle-test-');
    const entry = join(dir, 'handler.ts');
    writeFileSync(
      entry,
      [
        'declare const __FLOODGATE_EDGE_CONFIG__: { upstashUrl: string };',
        'export const handler = async () => __FLOODGATE_EDGE_CONFIG__.upstashUrl;',
      ].join('\n'),
    );
    const out = bundleEdgeHandler({
      entry,
      define: {
        __FLOODGATE_EDGE_CONFIG__: JSON.stringify({ upstashUrl: 'https://example.upstash.io' }),
      },
      outDir: join(dir, 'out'),
    });
    const file = join(out, EDGE_BUNDLE_FILE);
    expect(readFileSync(file, 'utf8')).toContain('https://example.upstash.io');
    const mod = (await import(pathToFileURL(file).href)) as { handler: () => Promise<string> };
    expect(await mod.handler()).toBe('https://example.upstash.io');
  });

  it('bundles the real waiting-room handler into one loadable file with the Upstash config baked in', async () => {
    const config = testConfig({}).edge;
    const out = bundleEdgeHandler({
      entry: WAITING_ROOM_ENTRY,
      define: edgeConfigDefine(config),
      outDir: tempDir('floodgate-bundle-real-'),
    });
    const file = join(out, EDGE_BUNDLE_FILE);
    const code = readFileSync(file, 'utf8');
    expect(code).toContain(config.upstash?.url);
    // Lambda@Edge: 50 MB zipped at most for origin triggers; a small bundle also cold-starts fast.
    expect(code.length).toBeLessThan(2_000_000);
    const mod = (await import(pathToFileURL(file).href)) as { handler: unknown };
    expect(typeof mod.handler).toBe('function');
  });
});
