import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

/** What {@link bundleEdgeHandler} needs: the entry file and the config to bake in. */
export interface BundleEdgeOptions {
  /** Absolute path of the handler module (exports `handler`). */
  readonly entry: string;
  /** esbuild `define`, e.g. `edgeConfigDefine(config)` for `__FLOODGATE_EDGE_CONFIG__`. */
  readonly define: Record<string, string>;
  /** Where to write; defaults to a content-addressed folder under the OS temp dir. */
  readonly outDir?: string;
}

/** File name of the bundle inside the asset folder; the Lambda handler is `index.handler`. */
export const EDGE_BUNDLE_FILE = 'index.mjs';

/**
 * Bundles a Lambda@Edge handler with the local esbuild (never Docker), at synth time.
 * Lambda@Edge has no environment variables, so the config is baked in with esbuild `define`.
 * Returns the folder to hand to `lambda.Code.fromAsset`.
 * @example bundleEdgeHandler({ entry, define: edgeConfigDefine(config) })
 */
export function bundleEdgeHandler(options: BundleEdgeOptions): string {
  const result = buildSync({
    entryPoints: [options.entry],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: false,
    write: false,
    legalComments: 'none',
    define: options.define,
    // Some CommonJS dependencies call require(); ESM output needs one in scope.
    banner: {
      js: "import { createRequire as __fgCreateRequire } from 'node:module'; const require = __fgCreateRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${options.entry}`);
  const digest = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const outDir = options.outDir ?? join(tmpdir(), 'floodgate-edge-bundles', digest);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, EDGE_BUNDLE_FILE);
  if (!sameContent(file, code)) writeFileSync(file, code);
  return outDir;
}

function sameContent(file: string, code: Uint8Array): boolean {
  try {
    return Buffer.compare(readFileSync(file), code) === 0;
  } catch {
    return false;
  }
}
