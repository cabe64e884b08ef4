import type { TokenKeys } from '../../edge/token';
import type { CdnInvalidator } from '../adapters/cdn/types';
import type { DynamoStore } from '../adapters/dynamo/store';
import type { Publisher } from '../adapters/events/types';
import type { SeatLocks } from '../adapters/locks/types';
import type { Mailbox } from '../adapters/mail/types';
import type { PaymentProvider } from '../adapters/payments/types';
import type { TicketKeyRing } from '../domain/ticket-code-keys';
import type { AccountSettings } from './accounts/settings';
import type { ActivityRecorder } from './activity';
import type { EventCache } from './event-cache';
import type { Faults } from './faults';
import type { HoldTally } from './hold-tally';

/** The origin's health for one event, fed to adaptive admission (see `reportHealth`). */
export interface OriginHealth {
  /** p95 latency of the buying routes over the last few seconds, ms. */
  p95Ms: number;
  /** Share of those requests that answered 5xx, 0–1. */
  errorRate: number;
  /** When measured, epoch ms. */
  at: number;
}

/**
 * The slice of the waiting-room store the origin uses: free a buyer's slot when their hold
 * completes or expires, and read/change admission for the organizer console.
 */
export interface AdmissionPort {
  release(eventId: string, ticketId: string): Promise<unknown>;
  getConfig(eventId: string): Promise<unknown>;
  configure(eventId: string, config: unknown): Promise<unknown>;
  /**
   * Configures the room only when it has no config, atomically (the room store's
   * `restoreConfig`); true when it did. The room-config keeper uses it so an organizer change
   * landing during a restore is never overwritten. Optional: without it the keeper reads first.
   */
  restoreConfig?(eventId: string, config: unknown, now: number): Promise<boolean>;
  /** Adaptive admission's input; optional, so a room store without it still fits. */
  reportHealth?(eventId: string, health: OriginHealth): Promise<unknown>;
  /** The room's live counts (the queue gauges in CloudWatch); optional like `reportHealth`. */
  state?(eventId: string, now: number): Promise<RoomCounts | null>;
  /**
   * Where the ticket's buying session stands (one Redis read): buying requests whose session
   * `ended` (or never began: `waiting`) are refused. Optional: without it nothing is checked.
   */
  sessionOf?(
    eventId: string,
    ticketId: string,
    now: number,
  ): Promise<'active' | 'ended' | 'waiting' | 'unknown'>;
  /**
   * The room's admitted stream after `cursor` (undefined: from the oldest kept entry), at most
   * `limit` entries, oldest first: what the admitted feed turns into `buyer.admitted` events.
   * Optional: without it no admission events are emitted.
   */
  admittedSince?(eventId: string, cursor: string | undefined, limit: number): Promise<AdmittedPage>;
}

/** A page of a room's admitted stream (the shape of the room store's `admittedSince`). */
export interface AdmittedPage {
  /** First admissions, oldest first; `id` is the stream entry id. */
  entries: { id: string; ticketId: string; position: number; at: number }[];
  /** Where the next read starts: the last entry's id, or the cursor passed in when none. */
  cursor: string | undefined;
}

/** What the origin reads of a room for its gauges (a subset of the room store's snapshot). */
export interface RoomCounts {
  /** Live buyers in line beyond the serving number. */
  waiting: number;
  /** Admitted buyers whose session has not ended. */
  activeBuyers: number;
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
  orderFailed(reason: string, eventId?: string): void;
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
  /**
   * Ed25519 keys for ticket codes (never the token keys: a scanner holding a public ticket key
   * can mint nothing). Absent → `createServices` generates a key pair for this process.
   */
  ticketKeys?: TicketKeyRing;
  /** `unsafe` skips locks (and the store skips conditions): storm demonstration only. */
  bookingMode: 'safe' | 'unsafe';
  holdLockTtlMs: number;
  clock: () => number;
  counters: ServiceCounters;
  faults?: Faults;
  /** Reports failures of background work (payment settlement) that has no caller to throw to. */
  onBackgroundError?: (error: unknown, context: string) => void;
  /**
   * Reports a failure a request worked around instead of failing (Redis down for the session
   * check, a slot release, the room-config keeper): a warning, throttled by the sink.
   */
  onDegraded?: (error: unknown, context: string) => void;
  /** Purges the CDN's copy of catalog pages after an organizer change (default: none). */
  invalidator?: CdnInvalidator;
  /** Built by `createServices` when absent (tests may share their own). */
  eventCache?: EventCache;
  holdTally?: HoldTally;
  activity?: ActivityRecorder;
  /** Buyer accounts, emails and check-in settings (issue 9). Absent → development defaults. */
  accounts?: AccountSettings;
  /** Where emails go: the local mailbox (a directory, or memory when absent). */
  mailbox?: Mailbox;
  /**
   * Where the outbox relay publishes (EventBridge in AWS). Absent → `createServices` builds the
   * in-process bus and subscribes the email consumer, which writes to {@link mailbox}.
   */
  publisher?: Publisher;
}

/** {@link ServiceDeps} with every shared part built: what the services receive. */
export type ResolvedDeps = ServiceDeps &
  Required<
    Pick<
      ServiceDeps,
      | 'invalidator'
      | 'eventCache'
      | 'holdTally'
      | 'activity'
      | 'ticketKeys'
      | 'accounts'
      | 'mailbox'
      | 'publisher'
    >
  >;
