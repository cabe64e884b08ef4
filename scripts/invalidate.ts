/**
 * `npm run invalidate -- /api/catalog/*` — removes objects from the local edge cache, like
 * `aws cloudfront create-invalidation --paths`. Talks to the running local edge's admin endpoint
 * at EDGE_URL, else http://127.0.0.1:$PORT, PORT defaulting to {@link DEFAULT_EDGE_CLI_PORT}
 * (where `npm run edge` listens; `npm start` puts its edge on 3000, so there: `PORT=3000`).
 */
import { pathToFileURL } from 'node:url';

/** The port `npm run edge` listens on and `npm run invalidate` talks to by default. */
export const DEFAULT_EDGE_CLI_PORT = 3001;

export interface InvalidationResult {
  id: string;
  status: string;
  paths: string[];
  objectsRemoved: number;
}

/** Posts an invalidation to a local edge and returns its summary; throws on any non-201. */
export async function invalidate(edgeUrl: string, paths: string[]): Promise<InvalidationResult> {
  const res = await fetch(new URL('/_edge/invalidations', edgeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ paths }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`Invalidation failed (${res.status}): ${text}`);
  return (JSON.parse(text) as { invalidation: InvalidationResult }).invalidation;
}

/** Where the CLI writes; a test passes a recorder. */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

/**
 * The CLI: exit code 0 when the edge accepted the invalidation, 2 for a usage error (no paths),
 * 1 when the edge refused it or could not be reached (with a hint naming EDGE_URL and PORT).
 * @example process.exitCode = await main(['/api/catalog/*'], { EDGE_URL: 'http://127.0.0.1:3000' });
 */
export async function main(
  argv: string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  out: CliOutput = console,
): Promise<number> {
  const paths = argv.filter((a) => a !== '--');
  if (paths.length === 0) {
    out.error('usage: npm run invalidate -- <path> [<path> ...]   e.g. /api/catalog/* or /*');
    return 2;
  }
  const edgeUrl = env.EDGE_URL ?? `http://127.0.0.1:${env.PORT ?? DEFAULT_EDGE_CLI_PORT}`;
  try {
    const result = await invalidate(edgeUrl, paths);
    out.log(
      `${result.id} ${result.status}: ${result.objectsRemoved} object(s) removed for ${result.paths.join(' ')}`,
    );
    return 0;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    const hint =
      cause?.code === 'ECONNREFUSED'
        ? ` (is the local edge running at ${edgeUrl}? set EDGE_URL, or PORT: ` +
          `${DEFAULT_EDGE_CLI_PORT} for npm run edge, 3000 for npm start)`
        : '';
    out.error(`${err instanceof Error ? err.message : String(err)}${hint}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
