/**
 * Prints the gzipped JavaScript a buyer downloads for the first page (the entry script, every
 * module it statically imports, and the events page chunk with its static imports) and exits
 * non-zero above the budget. Run after `npx vite build`: `npx tsx web/size-check.ts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 60 * 1024;

const STATIC_IMPORT =
  /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']/g;

/** Static (not dynamic `import()`) relative imports of one built chunk. */
export function staticImports(code: string): string[] {
  return [...code.matchAll(STATIC_IMPORT)].map((m) => m[1] ?? '').filter((p) => p.startsWith('.'));
}

/** Files (relative to `dir`) the first page loads: entry, modulepreloads, events page, closure. */
export function firstPageFiles(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const roots = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const page = readdirSync(join(dir, 'assets')).find((f) => /^events-page-.*\.js$/.test(f));
  if (page) roots.push(`assets/${page}`);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(dir, file))) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const spec of staticImports(code)) visit(posix.join(posix.dirname(file), spec));
  };
  roots.forEach(visit);
  return [...seen];
}

/** Gzipped bytes of the first page's JavaScript. */
export function firstPageGzipBytes(dir: string): number {
  return firstPageFiles(dir).reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(dir, file)), { level: 9 }).length,
    0,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = fileURLToPath(new URL('../dist/web', import.meta.url));
  if (!existsSync(join(dir, 'index.html'))) {
    console.error('dist/web/index.html not found: run `npx vite build` first');
    process.exit(2);
  }
  const bytes = firstPageGzipBytes(dir);
  const kb = (bytes / 1024).toFixed(1);
  console.log(`first page JS: ${kb} KB gzipped (${firstPageFiles(dir).join(', ')}); budget 60 KB`);
  if (bytes > BUDGET_BYTES) {
    console.error(`over budget by ${((bytes - BUDGET_BYTES) / 1024).toFixed(1)} KB`);
    process.exit(1);
  }
}
