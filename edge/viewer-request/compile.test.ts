import { describe, expect, it } from 'vitest';
import {
  compileSpaRewriteFunction,
  compileViewerRequestFunction,
  MAX_FUNCTION_BYTES,
} from './compile';
import { findForbiddenSyntax } from './forbidden-syntax';

describe('compileViewerRequestFunction', () => {
  const code = compileViewerRequestFunction();

  it('fits CloudFront’s 10 KB function limit', () => {
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThanOrEqual(MAX_FUNCTION_BYTES);
  });

  it('uses no syntax or module the cloudfront-js-2.0 runtime lacks', () => {
    expect(findForbiddenSyntax(code)).toEqual([]);
    expect(code).not.toMatch(/^\s*export\b/m);
    expect(code).not.toMatch(/:\s*(string|number|CfEvent)\b/);
  });

  it('defines a global async handler and imports only the cloudfront module', () => {
    expect(code).toMatch(/^async function handler\(event\)/m);
    expect(code.match(/^import .*$/gm)).toEqual(['import cf from "cloudfront";']);
  });
});

describe('compileSpaRewriteFunction', () => {
  const code = compileSpaRewriteFunction();

  it('fits the 10 KB limit, uses only cloudfront-js-2.0 syntax and imports nothing', () => {
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThanOrEqual(MAX_FUNCTION_BYTES);
    expect(findForbiddenSyntax(code)).toEqual([]);
    expect(code).toMatch(/^function handler\(event\)/m);
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
  });
});

describe('findForbiddenSyntax', () => {
  it.each([
    ['const { a } = b;', 'destructuring declaration'],
    ['let [a] = b;', 'destructuring declaration'],
    ['function f({ a }) {}', 'destructuring parameter'],
    ['var f = ({ a }) => a;', 'destructuring arrow parameter'],
    ['x = a?.b;', 'optional chaining (?.)'],
    ['x = a ?? b;', 'nullish coalescing (??)'],
    ['x = [...a];', 'spread or rest (...)'],
    ['class A {}', 'class declaration'],
    ['var f = async () => 1;', 'async arrow function (async closures are unsupported)'],
    ["eval('1');", 'eval'],
    ["new Function('return 1');", 'Function constructor'],
    ['setTimeout(f, 1);', 'timers'],
    ["fetch('https://example.com');", 'network (fetch)'],
    ['process.env.X;', 'process'],
  ])('flags %s', (code, rule) => {
    expect(findForbiddenSyntax(code)).toContain(rule);
  });

  it('flags npm imports and requires of other modules', () => {
    expect(findForbiddenSyntax("import jose from 'jose';")).toEqual([
      `import of "jose" (only 'cloudfront' exists)`,
    ]);
    expect(findForbiddenSyntax("require('fs');")).toEqual([
      'require("fs") (only crypto, querystring, buffer)',
    ]);
  });

  it('ignores look-alikes inside strings and comments', () => {
    expect(
      findForbiddenSyntax("var s = 'a?.b ... class X';\n// eval(x)\n/* fetch( */ var t = `a?.b`;"),
    ).toEqual([]);
  });
});
