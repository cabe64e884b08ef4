import type { TokenKeys } from '../../edge/token';
import type { DynamoStore } from '../adapters/dynamo/store';
import type { SeatLocks } from '../adapters/locks/types';
import type { PaymentProvider } from '../adapters/payments/types';
import type { Faults } from './faults';

/**
 * The slice of the waiting-room store the origin uses: free a buyer's slot when their hold
 * completes or expires, and read/change admission for the organizer console.
 */
export interface AdmissionPort {
  release(eventId: string, ticketId: string): Promise<unknown>;
  getConfig(eventId: string): Promise<unknown>;
  configure(eventId: string, config: unknown): Promise<unknown>;
}

/** An admission port that does nothing (no waiting room wired, e.g. unit tests). */
export const noopAdmission: AdmissionPort = {
  async release() {},
  async getConfig() {
    return null;
  },
  async configure(_eventId, config) {
    return config;
  },
};

/** Counters the services bump; the metrics module implements it with prom-client. */
export interface ServiceCounters {
  holdCreated(eventId: string, seats: number): void;
  holdRejected(reason: string): void;
  seatsSold(eventId: string, seats: number): void;
  orderFailed(reason: string): void;
}

export const noopCounters: ServiceCounters = {
  holdCreated() {},
  holdRejected() {},
  seatsSold() {},
  orderFailed() {},
};

/** Everything the services need, injected once at start-up (tests pass their own). */
export interface ServiceDeps {
  store: DynamoStore;
  locks: SeatLocks;
  payments: PaymentProvider;
  admission: AdmissionPort;
  tokenKeys: TokenKeys;
  /** `unsafe` skips locks (and the store skips conditions): storm demonstration only. */
  bookingMode: 'safe' | 'unsafe';
  holdLockTtlMs: number;
  clock: () => number;
  counters: ServiceCounters;
  faults?: Faults;
  /** Reports failures of background work (payment settlement) that has no caller to throw to. */
  onBackgroundError?: (error: unknown, context: string) => void;
}
