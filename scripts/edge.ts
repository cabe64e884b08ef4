/**
 * `npm run edge -- --origin http://localhost:8080 [--origin …] [--table table.json] [--port 3001]`
 * puts the local CloudFront in front of any origin, so you can see what your origin's cache
 * headers do before you deploy: routing, cache keys and TTLs from the behaviours table (the
 * built-in one from edge/behaviours.ts, or a JSON file), the real CloudFront Functions and the
 * waiting-room Lambda@Edge. Ctrl-C prints the cache report (also at GET /_edge/stats).
 *
 * Other flags: `--storefront <dir>` (the S3 origin; default dist/web), `--host <addr>`,
 * `--print-table` (writes the built-in table as JSON, a starting point for --table).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { allBehaviours, type Behaviour } from '../edge/behaviours';
import { createCloudFrontFunctionRunner } from '../edge/local/cff-sandbox';
import { type LocalEdge, startLocalEdge } from '../edge/local/server';
import { readBehavioursTable } from '../edge/local/table-file';
import { DEV_TOKEN_KEYS } from '../edge/token/dev-keys';
import { compileViewerRequestFunction } from '../edge/viewer-request/compile';
import { createWaitingRoomHandler } from '../edge/waiting-room/handler';
import { createMemoryRoomStore } from '../edge/waiting-room/store/memory';
import { DEFAULT_EDGE_CLI_PORT } from './invalidate';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface EdgeCliOptions {
  readonly origins: string[];
  readonly tableFile?: string;
  readonly port: number;
  readonly host: string;
  readonly storefrontDir: string;
  readonly printTable: boolean;
}

/** Parses the command line; throws an Error whose message is the usage problem. */
export function parseEdgeArgs(argv: string[]): EdgeCliOptions {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      origin: { type: 'string', multiple: true },
      table: { type: 'string' },
      port: { type: 'string', default: String(DEFAULT_EDGE_CLI_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      storefront: { type: 'string', default: `${repoRoot}dist/web` },
      'print-table': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const origins = (values.origin ?? []).flatMap((o) => o.split(',')).filter(Boolean);
  const printTable = values['print-table'] ?? false;
  if (origins.length === 0 && !printTable) throw new Error('--origin <url> is required');
  for (const origin of origins) {
    if (!/^https?:\/\/[^/]+/.test(origin))
      throw new Error(`--origin ${origin} is not an http(s) URL`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port ${values.port} is not a port number`);
  }
  return {
    origins,
    tableFile: values.table,
    port,
    host: values.host ?? '127.0.0.1',
    storefrontDir: values.storefront ?? `${repoRoot}dist/web`,
    printTable,
  };
}

/**
 * Starts the local edge for the CLI: the table (file or built-in), the access-token function
 * with the dev key ring, and the waiting room on an in-memory store with `demo-arena` open.
 */
export async function startEdgeCli(
  options: EdgeCliOptions,
): Promise<{ edge: LocalEdge; table: readonly Behaviour[] }> {
  const table = options.tableFile ? await readBehavioursTable(options.tableFile) : allBehaviours;
  const room = createMemoryRoomStore();
  await room.configure('demo-arena', {});
  const waitingRoom = createWaitingRoomHandler({ store: room, keys: DEV_TOKEN_KEYS });
  const checkAccessToken = createCloudFrontFunctionRunner({
    code: compileViewerRequestFunction(),
    kvs: Object.fromEntries(
      Object.entries(DEV_TOKEN_KEYS.keys).map(([kid, secret]) => [`kid:${kid}`, secret]),
    ),
  });
  const edge = await startLocalEdge({
    port: options.port,
    host: options.host,
    behaviours: table,
    apiOrigin: options.origins,
    storefrontDir: options.storefrontDir,
    viewerRequestFunctions: { 'check-access-token': checkAccessToken },
    originRequestLambdas: { 'waiting-room': (event: unknown) => waitingRoom(event as never) },
  });
  return { edge, table };
}

async function main(argv: string[]): Promise<number> {
  let options: EdgeCliOptions;
  try {
    options = parseEdgeArgs(argv);
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}
usage: npm run edge -- --origin http://localhost:8080 [--origin <url> …] [--table table.json]
                       [--port ${DEFAULT_EDGE_CLI_PORT}] [--host 127.0.0.1] [--storefront dist/web] [--print-table]`);
    return 2;
  }
  if (options.printTable) {
    console.log(JSON.stringify(allBehaviours, null, 2));
    return 0;
  }
  const { edge, table } = await startEdgeCli(options);
  const storefront = existsSync(options.storefrontDir)
    ? options.storefrontDir
    : `${options.storefrontDir} (missing: storefront paths answer 404)`;
  console.log(`
  Local CloudFront  ${edge.url}/
  Origin(s)         ${options.origins.join(', ')}
  Storefront (S3)   ${storefront}
  Behaviours        ${options.tableFile ?? 'edge/behaviours.ts'} (${table.map((b) => b.pathPattern).join(', ')})
  Cache report      ${edge.url}/_edge/stats  (text: ?format=text)
  Invalidate        EDGE_URL=${edge.url} npm run invalidate -- '/api/catalog/*'
  Stop              Ctrl-C (prints the cache report)
`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log(`\n${edge.report()}`);
  await edge.close();
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
