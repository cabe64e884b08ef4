import { ConfigError, parseOriginConfig } from './config';
import { seedDemoEvent } from './seed';
import { startOrigin } from './server';

/** Container entry point: parse config, start, seed the demo event if empty, drain on SIGTERM. */
async function main(): Promise<void> {
  const config = parseOriginConfig(process.env);
  const origin = await startOrigin({ config });
  if (!config.production) await seedDemoEvent(origin.deps);
  console.log(`[origin] listening on ${origin.url} (booking mode ${config.bookingMode})`);
  const stop = (signal: string) => {
    console.log(`[origin] ${signal}: draining`);
    origin.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
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
