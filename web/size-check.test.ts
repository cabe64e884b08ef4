import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildStorefront } from '../scripts/build-web';
import { BUDGET_BYTES, firstPageFiles, firstPageGzipBytes, staticImports } from './size-check';

describe('size check', () => {
  it('follows static imports but not lazy import() calls', () => {
    const code =
      'import{a as b}from"./shared-1.js";import"./side.js";const p=()=>import("./lazy.js");';
    expect(staticImports(code)).toEqual(['./shared-1.js', './side.js']);
  });

  it('counts the entry, its preloads and the events page chunk with its imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fg-size-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      '<script type="module" src="/assets/index-1.js"></script><link rel="modulepreload" href="/assets/vendor-1.js">',
    );
    writeFileSync(
      join(dir, 'assets/index-1.js'),
      'import"./vendor-1.js";import("./console-page-1.js")',
    );
    writeFileSync(join(dir, 'assets/vendor-1.js'), 'export const v=1');
    writeFileSync(join(dir, 'assets/events-page-1.js'), 'import{x}from"./money-1.js"');
    writeFileSync(join(dir, 'assets/money-1.js'), 'export const x=1');
    writeFileSync(join(dir, 'assets/console-page-1.js'), 'export default 1');
    expect(firstPageFiles(dir).sort()).toEqual([
      'assets/events-page-1.js',
      'assets/index-1.js',
      'assets/money-1.js',
      'assets/vendor-1.js',
    ]);
  });

  it('keeps the first page under the JavaScript budget in the real build', async () => {
    // The global setup (tests/helpers/global-setup.ts) builds the storefront once per run, so
    // this returns at once; it builds only when the output is missing or older than the sources.
    const dir = await buildStorefront({ quiet: true });
    const files = firstPageFiles(dir);
    const bytes = firstPageGzipBytes(dir);
    console.log(
      `first page JS: ${(bytes / 1024).toFixed(1)} KB gzipped of ${(BUDGET_BYTES / 1024).toFixed(0)} KB (${files.length} files)`,
    );
    expect(files.some((f) => /^assets\/index-.*\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^assets\/events-page-.*\.js$/.test(f))).toBe(true);
    expect(bytes).toBeLessThan(BUDGET_BYTES);
  }, 120_000);
});
