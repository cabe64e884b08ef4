import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * One config for the storefront build (Vite, root `web/`) and every test suite (Vitest, repo root).
 * JSX is compiled for Preact through tsconfig's `jsxImportSource`.
 */
export default defineConfig({
  root: 'web',
  base: '/',
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
  },
  test: {
    root: repoRoot,
    include: ['{common,edge,origin,web,infra,tests,scripts}/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
