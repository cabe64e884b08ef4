import { ConfigError, parseOriginConfig } from './config';
import { seedDemoEvent } from './seed';
import { DRAIN_DEADLINE_MS, startOrigin } from './server';

/** Past the drain deadline, a shutdown that still has not finished exits anyway (before SIGKILL). */
const EXIT_GRACE_MS = 3_000;

/**
 * Container entry point: parse config, start, seed the demo event if empty, drain on SIGTERM
 * (ECS sends it, then SIGKILL after the task's stop timeout): refuse new connections, finish
 * in-flight requests, exit 0.
 */
async function main(): Promise<void> {
  const config = parseOriginConfig(process.env);
  const origin = await startOrigin({ config });
  if (!config.production) await seedDemoEvent(origin.deps);
  origin.logger.info(
    { url: origin.url, bookingMode: config.bookingMode },
    `origin listening on ${origin.url}`,
  );
  const stop = (signal: string) => {
    // close() stops listening synchronously, so once this line is out new connections fail.
    const closing = origin.close();
    origin.logger.info({ signal }, 'draining');
    setTimeout(() => {
      origin.logger.error({ signal }, 'shutdown did not finish in time');
      process.exit(1);
    }, DRAIN_DEADLINE_MS + EXIT_GRACE_MS).unref();
    closing.then(
      () => {
        origin.logger.info({ signal }, 'drained');
        process.exit(0);
      },
      (error) => {
        origin.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError ? `[origin] bad configuration: ${error.message}` : error,
  );
  process.exit(1);
});
