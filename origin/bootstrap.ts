import type { Redis } from 'ioredis';
import { createIoredisRoomStore } from '../edge/waiting-room/store/ioredis';
import { createCloudFrontInvalidator } from './adapters/cdn/cloudfront';
import { createLocalInvalidator } from './adapters/cdn/local';
import { type CdnInvalidator, noInvalidator } from './adapters/cdn/types';
import { createDynamoClient } from './adapters/dynamo/client';
import { createDynamoStore } from './adapters/dynamo/store';
import { ensureTable } from './adapters/dynamo/table';
import { createEventBridgePublisher } from './adapters/events/eventbridge';
import type { Publisher } from './adapters/events/types';
import { createMemoryLocks, createRedisLocks } from './adapters/locks';
import { createDirMailbox } from './adapters/mail/local-dir';
import { createMemoryMailbox } from './adapters/mail/memory';
import type { Mailbox } from './adapters/mail/types';
import { createSandboxPayments } from './adapters/payments/sandbox';
import type { PaymentProvider } from './adapters/payments/types';
import { createRedisClient, onReconnect } from './adapters/redis-client';
import type { OriginConfig } from './config';
import type { Logger } from './http/logger';
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
  /** The CDN purge after organizer changes; default from the config (CloudFront, local edge, none). */
  invalidator?: CdnInvalidator;
  /** The local mailbox; default from the config (`MAILBOX_DIR`, else memory). */
  mailbox?: Mailbox;
  /** Where domain events go; default EventBridge with `EVENT_BUS_NAME`, else the in-process bus. */
  publisher?: Publisher;
  /** Where the Redis clients made here log their connection errors (throttled). */
  logger?: Pick<Logger, 'warn'>;
}

/**
 * The CDN invalidator the config asks for: CloudFront when `CLOUDFRONT_DISTRIBUTION_ID` is set,
 * else the local edge at `EDGE_URL`, else none.
 */
export function invalidatorFromConfig(config: OriginConfig): CdnInvalidator {
  if (config.cloudfrontDistributionId) {
    return createCloudFrontInvalidator({ distributionId: config.cloudfrontDistributionId });
  }
  if (config.edgeUrl) return createLocalInvalidator(config.edgeUrl);
  return noInvalidator;
}

/** Service deps plus what start-up must close again. */
export interface BuiltDeps {
  deps: ServiceDeps;
  metrics: OriginMetrics;
  /**
   * Calls `listener` whenever the room store's Redis client is ready again after a lost
   * connection (never for its first connection, nor when the caller passed its own admission
   * port); returns the unsubscribe. The origin runs a room-config keeper round then.
   */
  onRoomReconnect(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * Wires the adapters chosen by the config: DynamoDB (table ensured), Redis locks when
 * `REDIS_URL` is set else memory locks, the sandbox payment provider, the admission port (the
 * waiting room's ioredis room store on `ROOM_REDIS_URL`, unless the caller passes one; none
 * when no Redis is configured), the CDN invalidator, the local mailbox (`MAILBOX_DIR` or memory)
 * and, with `EVENT_BUS_NAME`, the EventBridge publisher for domain events.
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
    !overrides.redis && config.redisUrl
      ? createRedisClient(config.redisUrl, {}, { logger: overrides.logger, name: 'locks' })
      : undefined;
  const redis = overrides.redis ?? ownRedis;
  const locks = redis
    ? createRedisLocks(redis, { prefix: overrides.lockPrefix })
    : createMemoryLocks();
  const ownRoomRedis =
    !overrides.admission && config.roomRedisUrl
      ? config.roomRedisUrl === config.redisUrl && redis
        ? undefined
        : createRedisClient(config.roomRedisUrl, {}, { logger: overrides.logger, name: 'room' })
      : undefined;
  const roomRedis = ownRoomRedis ?? (config.roomRedisUrl ? redis : undefined);
  const admission =
    overrides.admission ??
    (roomRedis
      ? createIoredisRoomStore(roomRedis, { prefix: config.roomKeyPrefix })
      : noopAdmission);
  const metrics = overrides.metrics ?? createMetrics({ defaults: true });
  const deps: ServiceDeps = {
    store,
    locks,
    payments: overrides.payments ?? createSandboxPayments(),
    admission,
    invalidator: overrides.invalidator ?? invalidatorFromConfig(config),
    tokenKeys: config.tokenKeys,
    ticketKeys: config.ticketKeys,
    bookingMode: config.bookingMode,
    holdLockTtlMs: config.holdLockTtlMs,
    clock: overrides.clock ?? Date.now,
    counters: metrics.counters,
    faults: overrides.faults,
    // Issue 9: accounts, the local mailbox, and EventBridge when a bus is configured.
    accounts: config.accounts,
    mailbox:
      overrides.mailbox ??
      (config.mailboxDir ? createDirMailbox(config.mailboxDir) : createMemoryMailbox()),
    publisher:
      overrides.publisher ??
      (config.eventBusName
        ? createEventBridgePublisher({ busName: config.eventBusName, region: config.awsRegion })
        : undefined),
  };
  const roomStoreRedis = overrides.admission ? undefined : roomRedis;
  return {
    deps,
    metrics,
    onRoomReconnect: (listener) =>
      roomStoreRedis ? onReconnect(roomStoreRedis, listener) : () => undefined,
    async close() {
      client.destroy();
      ownRedis?.disconnect();
      ownRoomRedis?.disconnect();
    },
  };
}
