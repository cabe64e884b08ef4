import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

/** CloudFront's hard limit on a function's code size (not adjustable). */
export const MAX_FUNCTION_BYTES = 10 * 1024;

const SOURCE = new URL('./check-access-token.ts', import.meta.url);

/**
 * Compiles the access-token CloudFront Function to the single script CloudFront runs:
 * types stripped by esbuild (target es2020, no bundling, no object shorthand), `export` removed so `handler` is a
 * plain global. Synchronous so CDK constructs and the local edge can call it inline.
 * @example new cloudfront.Function(this, 'CheckAccessToken', { code: FunctionCode.fromInline(compileViewerRequestFunction()), runtime: FunctionRuntime.JS_2_0 })
 */
export function compileViewerRequestFunction(): string {
  const source = readFileSync(SOURCE, 'utf8');
  const { code } = transformSync(source, {
    loader: 'ts',
    target: 'es2020',
    format: 'esm',
    legalComments: 'none',
    // Shorthand properties/methods are ES2015 "object extensions": keep the plain ES5 form.
    supported: { 'object-extensions': false },
    sourcefile: 'check-access-token.ts',
  });
  return code
    .replace(/^export\s*\{[^}]*\};?\s*$/m, '')
    .replace(/^export\s+(async\s+function|function)/m, '$1');
}
