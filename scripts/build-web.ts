import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Where `vite build` writes the storefront (the S3 origin's content). */
export const storefrontDir = `${repoRoot}dist/web`;

let building: Promise<string> | undefined;

/**
 * Returns the storefront build folder, building it first when it is missing
 * (so `npm start` works on a fresh clone). Set `FLOODGATE_REBUILD_WEB=1` to force a build.
 */
export function buildStorefront(
  options: { quiet?: boolean; force?: boolean } = {},
): Promise<string> {
  const force = options.force || process.env.FLOODGATE_REBUILD_WEB === '1';
  if (!force && existsSync(`${storefrontDir}/index.html`)) return Promise.resolve(storefrontDir);
  building ??= (async () => {
    const { build } = await import('vite');
    if (!options.quiet) console.log('[floodgate] building the storefront (first start)…');
    await build({
      configFile: `${repoRoot}vite.config.ts`,
      logLevel: options.quiet ? 'silent' : 'warn',
    });
    return storefrontDir;
  })().finally(() => {
    building = undefined;
  });
  return building;
}
