/**
 * `npm start`: the whole Floodgate stack in one process on embedded defaults.
 * Storefront, waiting room, origin API and organizer console behind the local edge.
 */

import { type Stack, startStack } from './stack';
import { parseStartConfig, StartConfigError } from './start-config';

async function main(): Promise<void> {
  const config = parseStartConfig(process.env, process.argv.slice(2));
  const stack: Stack = await startStack({
    port: config.PORT,
    host: config.HOST,
    inMemory: config.FLOODGATE_IN_MEMORY,
    dataDir: config.FLOODGATE_DATA_DIR,
    redisUrl: config.REDIS_URL,
    organizerKey: config.ORGANIZER_KEY,
    workers: config.FLOODGATE_WORKERS,
  });

  const storage = config.FLOODGATE_IN_MEMORY
    ? 'in memory (throwaway)'
    : `${config.FLOODGATE_DATA_DIR}/dynamo`;
  const redis = config.REDIS_URL
    ? config.REDIS_URL
    : 'embedded stand-in (set REDIS_URL for real Redis)';
  console.log(`
  Floodgate is running.

  Storefront         ${stack.url}/
  Organizer console  ${stack.url}/console   (organizer key: ${config.ORGANIZER_KEY})
  Your tickets       ${stack.url}/account   (sign in by a link from the local mailbox)
  Local mailbox      ${stack.url}/mailbox   (the emails buyers would get)
  Ticket check-in    ${stack.url}/checkin   (organizer key)
  API docs           ${stack.url}/api/docs
  Edge cache stats   ${stack.url}/_edge/stats

  DynamoDB (embedded) ${storage}
  Redis               ${redis}
  Origin workers      ${stack.originUrls.length} (${stack.originUrls.join(', ')})

  Try it:  curl ${stack.url}/api/catalog/events
  Stop:    Ctrl-C
`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[floodgate] ${signal}: stopping…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await stack.close();
    console.log('[floodgate] stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // Expected failures (bad setting, port in use) carry a message written for people: no stack trace.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[floodgate] failed to start: ${message}`);
  if (!(error instanceof StartConfigError) && process.env.DEBUG) console.error(error);
  process.exit(1);
});
