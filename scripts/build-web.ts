import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Where `vite build` writes the storefront (the S3 origin's content). */
export const storefrontDir = `${repoRoot}dist/web`;

let building: Promise<string> | undefined;

/** Sources the storefront bundle is built from (it imports pure modules of the origin too). */
const SOURCES = ['web', 'origin/domain', 'vite.config.ts'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(`${path}/${entry}`));
  return newest;
}

/** True when there is no build, or a source file changed after it was made. */
export function storefrontOutdated(): boolean {
  const index = `${storefrontDir}/index.html`;
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newestMtime(`${repoRoot}${source}`) > built);
}

/**
 * Returns the storefront build folder, building it first when it is missing or older than its
 * sources (so `npm start` works on a fresh clone and after a pull). `FLOODGATE_REBUILD_WEB=1`
 * forces a build.
 */
export function buildStorefront(
  options: { quiet?: boolean; force?: boolean } = {},
): Promise<string> {
  const force = options.force || process.env.FLOODGATE_REBUILD_WEB === '1';
  if (!force && !storefrontOutdated()) return Promise.resolve(storefrontDir);
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
