import { buildStorefront } from '../../scripts/build-web';
import { redisUrlForTests } from './redis';

/**
 * Runs once before all suites. Integration suites need real Redis: when CI=true a missing
 * server fails the run here instead of letting suites skip silently.
 */
export default async function setup(): Promise<void> {
  const url = await redisUrlForTests();
  if (!url && process.env.CI === 'true') {
    throw new Error(
      'CI=true but no Redis answers at REDIS_URL or 127.0.0.1:6379; .ci/run should have started one',
    );
  }
  // Build the storefront once here: suites in parallel processes would otherwise race to build it.
  await buildStorefront({ quiet: true });
  if (!url)
    console.warn(
      '[floodgate tests] no Redis found: Redis-backed suites will be skipped (set REDIS_URL or start redis-server)',
    );
}
