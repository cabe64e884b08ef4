/**
 * `npm run invalidate -- /api/catalog/*` — removes objects from the local edge cache, like
 * `aws cloudfront create-invalidation --paths`. Talks to the running local edge's admin endpoint
 * at EDGE_URL (default http://127.0.0.1:$PORT, PORT default 3000).
 */
import { pathToFileURL } from 'node:url';

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

async function main(argv: string[]): Promise<number> {
  const paths = argv.filter((a) => a !== '--');
  if (paths.length === 0) {
    console.error('usage: npm run invalidate -- <path> [<path> ...]   e.g. /api/catalog/* or /*');
    return 2;
  }
  const edgeUrl = process.env.EDGE_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
  try {
    const result = await invalidate(edgeUrl, paths);
    console.log(
      `${result.id} ${result.status}: ${result.objectsRemoved} object(s) removed for ${result.paths.join(' ')}`,
    );
    return 0;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    const hint =
      cause?.code === 'ECONNREFUSED'
        ? ` (is the local edge running at ${edgeUrl}? set EDGE_URL or PORT)`
        : '';
    console.error(`${err instanceof Error ? err.message : String(err)}${hint}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
