/**
 * `npm run build:edge`: bundles what runs at the edge, as deployed, into dist/edge/:
 * - waiting-room/index.mjs — the Lambda@Edge handler with its config baked in (no env vars there);
 * - check-access-token.js, spa-rewrite.js — the CloudFront Functions (one file each, ≤ 10 KB).
 * The config comes from FLOODGATE_EDGE_CONFIG (JSON, see edge/waiting-room/bundled-config.ts),
 * else the development config. `cdk synth` bundles the same way on its own.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  compileSpaRewriteFunction,
  compileViewerRequestFunction,
} from '../edge/viewer-request/compile';
import {
  DEV_EDGE_CONFIG,
  edgeConfigDefine,
  parseEdgeConfig,
} from '../edge/waiting-room/bundled-config';
import { bundleEdgeHandler, EDGE_BUNDLE_FILE } from '../infra/lib/edge/bundle-edge';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${repoRoot}dist/edge`;
const CLOUDFRONT_FUNCTION_LIMIT = 10 * 1024;

const raw = process.env.FLOODGATE_EDGE_CONFIG;
const config = raw ? parseEdgeConfig(JSON.parse(raw)) : DEV_EDGE_CONFIG;
if (!raw) console.warn('[build:edge] FLOODGATE_EDGE_CONFIG not set: using the development config');

const lambdaDir = bundleEdgeHandler({
  entry: `${repoRoot}edge/waiting-room/handler.ts`,
  define: edgeConfigDefine(config),
  outDir: `${outDir}/waiting-room`,
});
const lambda = readFileSync(`${lambdaDir}/${EDGE_BUNDLE_FILE}`);

mkdirSync(outDir, { recursive: true });
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `waiting-room Lambda@Edge  ${kb(lambda.length)} (${kb(gzipSync(lambda).length)} gzipped)`,
);

const functions = {
  'check-access-token': compileViewerRequestFunction(),
  'spa-rewrite': compileSpaRewriteFunction(),
};
let oversized = false;
for (const [name, code] of Object.entries(functions)) {
  writeFileSync(`${outDir}/${name}.js`, code);
  const bytes = Buffer.byteLength(code);
  console.log(
    `${`${name} CFF`.padEnd(25)} ${kb(bytes)} of ${kb(CLOUDFRONT_FUNCTION_LIMIT)} allowed`,
  );
  oversized ||= bytes > CLOUDFRONT_FUNCTION_LIMIT;
}
if (oversized) {
  console.error('a CloudFront Function is over the 10 KB limit');
  process.exit(1);
}
