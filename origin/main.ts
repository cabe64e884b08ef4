import { ConfigError, parseOriginConfig } from './config';
import { seedDemoEvent } from './seed';
import { startOrigin } from './server';

/** Container entry point: parse config, start, seed the demo event if empty, drain on SIGTERM. */
async function main(): Promise<void> {
  const config = parseOriginConfig(process.env);
  const origin = await startOrigin({ config });
  if (!config.production) await seedDemoEvent(origin.deps);
  origin.logger.info(
    { url: origin.url, bookingMode: config.bookingMode },
    `origin listening on ${origin.url}`,
  );
  const stop = (signal: string) => {
    origin.logger.info({ signal }, 'draining');
    origin.close().then(
      () => process.exit(0),
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
