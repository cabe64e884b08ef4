import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

/** CloudFront's hard limit on a function's code size (not adjustable). */
export const MAX_FUNCTION_BYTES = 10 * 1024;

/**
 * Compiles the access-token CloudFront Function to the single script CloudFront runs:
 * types stripped by esbuild (target es2020, no bundling, no object shorthand), `export` removed so `handler` is a
 * plain global. Synchronous so CDK constructs and the local edge can call it inline.
 * @example new cloudfront.Function(this, 'CheckAccessToken', { code: FunctionCode.fromInline(compileViewerRequestFunction()), runtime: FunctionRuntime.JS_2_0 })
 */
export function compileViewerRequestFunction(): string {
  return compileCloudFrontFunction('check-access-token.ts');
}

/**
 * Compiles the single-page-app rewrite CloudFront Function (viewer-request on the default
 * behaviour: page paths without a file extension → `/index.html`), the same way as
 * {@link compileViewerRequestFunction}. It needs no KeyValueStore.
 * @example new cloudfront.Function(this, 'SpaRewrite', { code: FunctionCode.fromInline(compileSpaRewriteFunction()), runtime: FunctionRuntime.JS_2_0 })
 */
export function compileSpaRewriteFunction(): string {
  return compileCloudFrontFunction('spa-rewrite.ts');
}

function compileCloudFrontFunction(file: string): string {
  const source = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
  const { code } = transformSync(source, {
    loader: 'ts',
    target: 'es2020',
    format: 'esm',
    legalComments: 'none',
    // Shorthand properties/methods are ES2015 "object extensions": keep the plain ES5 form.
    supported: { 'object-extensions': false },
    sourcefile: file,
  });
  return code
    .replace(/^export\s*\{[^}]*\};?\s*$/m, '')
    .replace(/^export\s+(async\s+function|function)/m, '$1');
}
