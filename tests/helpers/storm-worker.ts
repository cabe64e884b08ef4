/**
 * One OS process of the double-booking storm (forked by `storm-harness.ts` with `--import tsx`).
 * It builds the origin's services exactly as an origin task does (`buildServiceDeps` from a
 * parsed `OriginConfig`: own DynamoDB client to the shared dynalite, own Redis connection with
 * the shared lock prefix, own sandbox payments), then runs `buyers` concurrent buyers sharing
 * one ~1 s old availability view (like the CDN) and reports a {@link StormTally} over IPC.
 *
 * Protocol: worker → `{ type: 'ready' }`; parent → `{ type: 'go', deadline }`;
 * worker → `{ type: 'done', tally }`, then exits.
 */
import { createSandboxPayments } from '../../origin/adapters/payments/sandbox';
import { connectRedisClient } from '../../origin/adapters/redis-client';
import { buildServiceDeps } from '../../origin/bootstrap';
import { parseOriginConfig } from '../../origin/config';
import { decodeAvailability } from '../../origin/domain/availability-codec';
import { createServices } from '../../origin/services';
import {
  emptyTally,
  runBuyer,
  type SeatView,
  type StormConfig,
  type StormTally,
} from './storm-buyer';

const config = JSON.parse(process.env.STORM_CONFIG ?? '{}') as StormConfig;

async function main(): Promise<StormTally> {
  const tally = emptyTally();
  const originConfig = parseOriginConfig({
    DYNAMODB_ENDPOINT: config.endpoint,
    DYNAMODB_TABLE: config.tableName,
    REDIS_URL: config.redisUrl,
    BOOKING_MODE: config.bookingMode,
    FLOODGATE_ALLOW_UNSAFE: config.bookingMode === 'unsafe' ? '1' : undefined,
  });
  const redis = await connectRedisClient(config.redisUrl);
  const payments = createSandboxPayments({ settleDelayMs: 20 });
  const built = await buildServiceDeps(originConfig, {
    redis,
    payments,
    lockPrefix: config.redisPrefix,
  });
  built.deps.onBackgroundError = (error, context) => {
    if (tally.unexpected.length < 20) tally.unexpected.push(`${context}: ${String(error)}`);
  };
  const services = createServices(built.deps);

  await new Promise<void>((resolve) => {
    process.once('message', (message: { deadline: number }) => {
      config.deadline = message.deadline;
      resolve();
    });
    process.send?.({ type: 'ready' });
  });
  const view = cachedView(
    async () => {
      const availability = await services.catalog.availability(config.eventId);
      const section = availability.sections[config.sectionId];
      const bits = decodeAvailability(section?.seats ?? '', config.sectionSeats.length);
      return new Set(config.sectionSeats.filter((_, i) => bits[i]));
    },
    1_000,
    (error) => {
      if (tally.unexpected.length < 20) tally.unexpected.push(`availability: ${String(error)}`);
    },
  );
  await Promise.all(
    Array.from({ length: config.buyers }, (_, i) =>
      runBuyer(config, services, view, `t_storm${process.pid}b${i}`, tally).catch((error) =>
        tally.unexpected.push(String(error?.stack ?? error)),
      ),
    ),
  );
  services.checkout.close();
  payments.close();
  await redis.quit();
  await built.close();
  return tally;
}

/**
 * The availability every buyer of this process sees, refreshed at most once per `ttlMs`: what
 * CloudFront's `s-maxage=1` on the availability route gives real buyers (few origin reads).
 */
function cachedView(
  read: () => Promise<Set<string>>,
  ttlMs: number,
  onError: (error: unknown) => void,
): SeatView {
  let at = 0;
  let current: Promise<ReadonlySet<string>> = Promise.resolve(new Set());
  return () => {
    if (Date.now() - at >= ttlMs) {
      at = Date.now();
      current = read().catch((error) => {
        onError(error);
        return new Set();
      });
    }
    return current;
  };
}

// Exit as soon as the tally is delivered: lingering keep-alive sockets must not hold the run up.
const finish = (tally: StormTally, code: number) =>
  process.send
    ? process.send({ type: 'done', tally }, () => process.exit(code))
    : process.exit(code);

main().then(
  (tally) => finish(tally, 0),
  (error) =>
    finish({ ...emptyTally(), unexpected: [`worker failed: ${error?.stack ?? error}`] }, 1),
);
