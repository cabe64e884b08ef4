import type { HealthReport } from '../adaptive-rate';
import type { AdmissionConfig } from '../admission-policy';

/** The pre-queue of a room: joins before `opensAt`, ordered by a seeded shuffle at opening. */
export interface PrequeueStatus {
  /** Buyers in the join log. */
  joined: number;
  /** True once positions were assigned (at the first call on or after `opensAt`). */
  sealed: boolean;
  /** SHA-256 of the seed, hex: published before opening. */
  commitment: string;
  /** The seed, hex: published only once sealed. */
  seed: string | null;
  /** The last position issued before the pre-queue's positions (they are base+1 … base+joined). */
  base: number;
}

/**
 * Everyone's view of one room at one moment (the body of `GET /wr/{eventId}/state`, roughly).
 * The serving number has already been advanced to `now`.
 */
export interface RoomSnapshot {
  eventId: string;
  config: AdmissionConfig;
  servingNumber: number;
  /** The last issued position. */
  queueLength: number;
  /** Live buyers still in line beyond the serving number (people who left are not counted). */
  waiting: number;
  /** Admitted buyers whose session has not ended. */
  activeBuyers: number;
  /** Admissions ever granted. */
  admittedTotal: number;
  /** Measured (sliding minute): sessions released or expired per minute. */
  departureRatePerMinute: number;
  /** Measured: admissions per minute. */
  admissionRatePerMinute: number;
  /** Measured: waiting buyers who left the line (stopped polling) per minute. */
  abandonRatePerMinute: number;
  prequeue: PrequeueStatus;
}

/** A join: the ticket id the edge minted, the client's secret hash, the ticket's expiry. */
export interface JoinInput {
  /** SHA-256 of the client secret: one live ticket per client and event. */
  clientHash: string;
  /** The id to use when a new ticket is issued. */
  ticketId: string;
  /** Epoch ms when the signed ticket expires: the store keeps its record at least that long. */
  expiresAt: number;
}

export interface JoinResult {
  /** The new ticket id, or the one this client already holds. */
  ticketId: string;
  /** 0 while in the pre-queue (positions are assigned at opening). */
  position: number;
  /** True when the client already held a live ticket: the same place, no new position. */
  reused: boolean;
  /** Live buyers the room will admit before this ticket, itself excluded (docs/contracts.md). */
  peopleAhead: number;
  room: RoomSnapshot;
}

/**
 * The outcome of an admission attempt:
 * - `admitted`: a slot was taken now; `expiresAt` is the session end (epoch ms);
 * - `already_admitted`: this ticket holds a live slot; the same admission again, no new slot;
 * - `waiting`: position is beyond the serving number (or 0: pre-queue, not yet open);
 * - `full`: invited, but every slot is taken (retry soon);
 * - `ended`: this ticket's session was released or expired; it cannot come back.
 * `position` is the store's (authoritative: pre-queue tickets get theirs at opening).
 */
export type AdmitResult =
  | {
      status: 'admitted' | 'already_admitted';
      expiresAt: number;
      position: number;
      room: RoomSnapshot;
    }
  | {
      status: 'waiting' | 'full' | 'ended';
      position: number;
      peopleAhead: number;
      room: RoomSnapshot;
    };

/**
 * Where a ticket's buying session stands (what the origin checks on every buying request):
 * `active` admitted and not released or expired; `ended` released (hold bought) or expired;
 * `waiting` never admitted; `unknown` the store has no record of the ticket (or the room).
 */
export type SessionStatus = 'active' | 'ended' | 'waiting' | 'unknown';

export interface RateLimitResult {
  allowed: boolean;
  /** Hits counted in the current window, including this one. */
  count: number;
  /** Seconds until the window resets. */
  retryAfterSeconds: number;
}

/** One entry of the published join log. */
export interface PrequeueEntry {
  ticketId: string;
  /** 1-based arrival order. */
  joinOrder: number;
  /** The position the store assigned (null if the ticket's record has expired since). */
  position: number | null;
}

/** One first admission in a room's admitted stream. */
export interface AdmittedEntry {
  /** The stream entry id (`<ms>-<seq>`): a cursor for {@link RoomStore.admittedSince}. */
  id: string;
  ticketId: string;
  position: number;
  /** The admission's `now`, epoch ms. */
  at: number;
}

/** A page of the admitted stream and where the next read starts. */
export interface AdmittedPage {
  entries: AdmittedEntry[];
  /** The last entry's id, or the cursor passed in when the page is empty. */
  cursor: string | undefined;
}

/** The join log with its seed, published after opening for anyone to verify. */
export interface PrequeueLog {
  eventId: string;
  sealed: boolean;
  /** Null until sealed. */
  seed: string | null;
  commitment: string;
  base: number;
  entries: PrequeueEntry[];
}

/**
 * Waiting-room state per event: the queue counter, the serving number, active sessions, the
 * live line, the pre-queue. Every method is atomic on its own (one Lua script in Redis), so
 * any number of edge instances can call it concurrently without admitting more than the policy
 * allows. Methods taking `now` advance the serving number to it first. Unknown events (never
 * `configure`d) answer null.
 */
export interface RoomStore {
  /**
   * Issues the next position (or the pre-queue's position 0 before `opensAt`), or returns the
   * live ticket this client already holds. A client whose ticket ended gets a new one.
   */
  join(eventId: string, input: JoinInput, now: number): Promise<JoinResult | null>;
  /** The room; with `ticketId`, also records that this ticket is still there (a poll). */
  state(eventId: string, now: number, ticketId?: string): Promise<RoomSnapshot | null>;
  /**
   * Once per ticket: a second call never takes a second slot. Also a poll. `position` (from the
   * signed ticket) is used only for a ticket the store has no record of; `ticketExpiresAt`
   * bounds how long such a record is kept.
   */
  admit(
    eventId: string,
    ticketId: string,
    position: number,
    now: number,
    ticketExpiresAt?: number,
  ): Promise<AdmitResult | null>;
  /**
   * Whether the ticket's session is still live at `now`, in one read (no advance, no writes):
   * the origin refuses an access token whose session ended.
   */
  sessionOf(eventId: string, ticketId: string, now: number): Promise<SessionStatus>;
  /** Frees the ticket's slot at once (hold completed or expired). Idempotent; true if freed now. */
  release(eventId: string, ticketId: string, now?: number): Promise<boolean>;
  /** Creates the room if needed (with a fresh pre-queue seed), then merges `config`. */
  configure(
    eventId: string,
    config: Partial<AdmissionConfig>,
    now?: number,
  ): Promise<AdmissionConfig>;
  /**
   * {@link configure}, but only when the room has no config, checked in the same atomic step:
   * how the origin puts a room back after Redis lost it, so an organizer change that landed
   * first is never overwritten by the older durable copy. True when it configured the room.
   */
  restoreConfig(eventId: string, config: Partial<AdmissionConfig>, now?: number): Promise<boolean>;
  getConfig(eventId: string): Promise<AdmissionConfig | null>;
  /**
   * The origin's health figure; in adaptive mode the rate moves AIMD (adaptive-rate.ts),
   * atomically, at most once per adjustment interval. Null for an unknown event.
   */
  reportHealth(
    eventId: string,
    health: HealthReport,
  ): Promise<{ ratePerMinute: number; changed: boolean } | null>;
  /**
   * The room's admitted stream: one entry per first admission (never for `already_admitted`),
   * appended by the same atomic step that admits, capped at `ADMITTED_STREAM_MAX` (oldest
   * dropped). Entries after `cursor` (undefined: from the oldest kept), at most `limit`, oldest
   * first; an unknown event has none. The origin's admitted feed turns them into domain events.
   */
  admittedSince(eventId: string, cursor: string | undefined, limit: number): Promise<AdmittedPage>;
  /** The join log with positions and (once sealed) the seed. */
  prequeueLog(eventId: string): Promise<PrequeueLog | null>;
  /** Fixed-window counter (e.g. joins per client IP). */
  hitRateLimit(
    key: string,
    limit: number,
    windowSeconds: number,
    now: number,
  ): Promise<RateLimitResult>;
}

/** Options both store implementations take. */
export interface RoomStoreOptions {
  /** Pre-queue seed source (32 random bytes, hex); injectable so tests can compare stores. */
  newSeed?: () => string;
}

/**
 * The one primitive the Redis store needs: run a Lua script atomically.
 * Adapters: ioredis (origin) and @upstash/redis (Lambda@Edge).
 */
export interface RedisScripting {
  eval(script: string, keys: string[], args: (string | number)[]): Promise<unknown>;
}
