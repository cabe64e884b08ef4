import type { Redis } from 'ioredis';
import { createDynamoClient } from './adapters/dynamo/client';
import { createDynamoStore } from './adapters/dynamo/store';
import { ensureTable } from './adapters/dynamo/table';
import { createMemoryLocks, createRedisLocks } from './adapters/locks';
import { createSandboxPayments } from './adapters/payments/sandbox';
import type { PaymentProvider } from './adapters/payments/types';
import { createRedisClient } from './adapters/redis-client';
import type { OriginConfig } from './config';
import { createMetrics, type OriginMetrics } from './http/metrics';
import { type AdmissionPort, noopAdmission, type ServiceDeps } from './services/deps';
import type { Faults } from './services/faults';

/** Optional replacements for what {@link buildServiceDeps} would create from the config. */
export interface DepsOverrides {
  admission?: AdmissionPort;
  payments?: PaymentProvider;
  redis?: Redis;
  faults?: Faults;
  clock?: () => number;
  metrics?: OriginMetrics;
  /** Prefix for Redis lock keys (tests use a unique one). */
  lockPrefix?: string;
}

/** Service deps plus what start-up must close again. */
export interface BuiltDeps {
  deps: ServiceDeps;
  metrics: OriginMetrics;
  close(): Promise<void>;
}

/**
 * Wires the adapters chosen by the config: DynamoDB (table ensured), Redis locks when
 * `REDIS_URL` is set else memory locks, the sandbox payment provider, the admission port.
 * Also what a storm-test child process calls to drive the hold service without HTTP.
 * @example const { deps } = await buildServiceDeps(parseOriginConfig(process.env));
 */
export async function buildServiceDeps(
  config: OriginConfig,
  overrides: DepsOverrides = {},
): Promise<BuiltDeps> {
  const client = createDynamoClient({ endpoint: config.dynamoEndpoint, region: config.awsRegion });
  await ensureTable(client, config.dynamoTable);
  const safe = config.bookingMode === 'safe';
  const store = createDynamoStore({ client, tableName: config.dynamoTable, safe });
  const ownRedis =
    !overrides.redis && config.redisUrl ? createRedisClient(config.redisUrl) : undefined;
  const redis = overrides.redis ?? ownRedis;
  const locks = redis
    ? createRedisLocks(redis, { prefix: overrides.lockPrefix })
    : createMemoryLocks();
  const metrics = overrides.metrics ?? createMetrics({ defaults: true });
  const deps: ServiceDeps = {
    store,
    locks,
    payments: overrides.payments ?? createSandboxPayments(),
    admission: overrides.admission ?? noopAdmission,
    tokenKeys: config.tokenKeys,
    bookingMode: config.bookingMode,
    holdLockTtlMs: config.holdLockTtlMs,
    clock: overrides.clock ?? Date.now,
    counters: metrics.counters,
    faults: overrides.faults,
  };
  return {
    deps,
    metrics,
    async close() {
      client.destroy();
      ownRedis?.disconnect();
    },
  };
}
