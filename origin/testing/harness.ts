import type { Redis } from 'ioredis';
import { signToken } from '../../edge/token';
import type { CdnInvalidator } from '../adapters/cdn/types';
import { createMemoryLocks, createRedisLocks } from '../adapters/locks';
import { createSandboxPayments, type SandboxPayments } from '../adapters/payments/sandbox';
import { createOriginApp } from '../app';
import { DEV_ORGANIZER_KEY, DEV_TOKEN_KEYS } from '../config';
import type { EventDefinitionInput } from '../domain/event-definition';
import { createMetrics } from '../http/metrics';
import {
  type AdmissionPort,
  createServices,
  type Faults,
  noopAdmission,
  type ResolvedDeps,
  type ServiceDeps,
} from '../services';
import { startTestDynamo, type TestDynamo } from './dynalite';

/** A small on-sale event: 2 rows × 10 seats, a 20-place GA pit, 1-minute holds, 4 per buyer. */
export function testEvent(id: string, now = Date.now()): EventDefinitionInput {
  return {
    id,
    name: 'Test Night',
    venueName: 'Test Hall',
    startsAt: new Date(now + 86_400_000).toISOString(),
    onSaleAt: new Date(now - 60_000).toISOString(),
    currency: 'USD',
    holdMinutes: 1,
    maxPerBuyer: 4,
    tiers: [
      { id: 'front', name: 'Front', priceCents: 5000 },
      { id: 'pit', name: 'Pit', priceCents: 2000 },
    ],
    sections: [
      {
        id: 'main',
        name: 'Main',
        kind: 'seated',
        tierId: 'front',
        rows: [
          { label: 'A', seats: 10 },
          { label: 'B', seats: 10 },
        ],
      },
      { id: 'pit', name: 'Pit', kind: 'ga', tierId: 'pit', capacity: 20 },
    ],
  };
}

export interface TestOrigin {
  app: ReturnType<typeof createOriginApp>;
  services: ReturnType<typeof createServices>;
  deps: ResolvedDeps;
  db: TestDynamo;
  payments: SandboxPayments;
  /** The current time; advance it to expire holds. */
  clock: { now: number };
  released: { eventId: string; ticketId: string }[];
  backgroundErrors: unknown[];
  /** An access token (Bearer header value) for a buyer of an event. */
  bearer(eventId: string, ticketId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A complete origin in-process over dynalite, with memory locks (or Redis when given), the
 * sandbox payments and a controllable clock. For handler and integration tests.
 */
export async function createTestOrigin(
  options: {
    redis?: Redis;
    lockPrefix?: string;
    faults?: Faults;
    lockTtlMs?: number;
    invalidator?: CdnInvalidator;
    admission?: AdmissionPort;
  } = {},
): Promise<TestOrigin> {
  const db = await startTestDynamo();
  const clock = { now: Date.now() };
  const payments = createSandboxPayments({ settleDelayMs: 5, clock: () => clock.now });
  const released: TestOrigin['released'] = [];
  const backgroundErrors: unknown[] = [];
  const metrics = createMetrics();
  const input: ServiceDeps = {
    store: db.store,
    locks: options.redis
      ? createRedisLocks(options.redis, { prefix: options.lockPrefix })
      : createMemoryLocks(() => clock.now),
    payments,
    admission: options.admission ?? {
      ...noopAdmission,
      async release(eventId, ticketId) {
        released.push({ eventId, ticketId });
      },
    },
    invalidator: options.invalidator,
    tokenKeys: DEV_TOKEN_KEYS,
    bookingMode: 'safe',
    holdLockTtlMs: options.lockTtlMs ?? 5_000,
    clock: () => clock.now,
    counters: metrics.counters,
    faults: options.faults,
    onBackgroundError: (error) => backgroundErrors.push(error),
  };
  const services = createServices(input);
  const { deps } = services;
  const app = createOriginApp({
    services,
    organizerKey: DEV_ORGANIZER_KEY,
    metrics,
    logError: () => {},
  });
  return {
    app,
    services,
    deps,
    db,
    payments,
    clock,
    released,
    backgroundErrors,
    async bearer(eventId, ticketId) {
      const token = await signToken(
        { typ: 'access', evt: eventId, tid: ticketId, scp: 'buy' },
        DEV_TOKEN_KEYS,
        900,
        clock.now,
      );
      return `Bearer ${token}`;
    },
    async close() {
      await services.close();
      await db.close();
    },
  };
}
