import type { AdmissionConfig } from '../admission-policy';

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
  /** Admitted buyers whose session has not ended. */
  activeBuyers: number;
  /** Admissions ever granted. */
  admittedTotal: number;
  /** Measured: sessions released or expired per minute (sliding window). */
  departureRatePerMinute: number;
}

export interface JoinResult {
  position: number;
  room: RoomSnapshot;
}

/**
 * The outcome of an admission attempt:
 * - `admitted`: a slot was taken now; `expiresAt` is the session end (epoch ms);
 * - `already_admitted`: this ticket holds a live slot; the same admission again, no new slot;
 * - `waiting`: position is beyond the serving number;
 * - `full`: invited, but every slot is taken (retry soon);
 * - `ended`: this ticket's session was released or expired; it cannot come back.
 */
export type AdmitResult =
  | { status: 'admitted' | 'already_admitted'; expiresAt: number; room: RoomSnapshot }
  | { status: 'waiting' | 'full' | 'ended'; room: RoomSnapshot };

export interface RateLimitResult {
  allowed: boolean;
  /** Hits counted in the current window, including this one. */
  count: number;
  /** Seconds until the window resets. */
  retryAfterSeconds: number;
}

/**
 * Waiting-room state per event: the queue counter, the serving number, active sessions.
 * Every method is atomic on its own (one Lua script in Redis), so any number of edge instances
 * can call it concurrently without admitting more than the policy allows.
 * Methods taking `now` advance the serving number to it first. Unknown events (never
 * `configure`d) answer null.
 */
export interface RoomStore {
  /**
   * Issues the next position. `clientHash` (SHA-256 of the client secret) is the seam for
   * per-client limits and dedup; implementations may ignore it for now.
   */
  join(eventId: string, clientHash: string, now: number): Promise<JoinResult | null>;
  state(eventId: string, now: number): Promise<RoomSnapshot | null>;
  /** Once per ticket: a second call never takes a second slot. */
  admit(
    eventId: string,
    ticketId: string,
    position: number,
    now: number,
  ): Promise<AdmitResult | null>;
  /** Frees the ticket's slot at once (hold completed or expired). Idempotent; true if freed now. */
  release(eventId: string, ticketId: string, now?: number): Promise<boolean>;
  /** Creates the room if needed, then merges `config`. Applies from `now` onwards. */
  configure(
    eventId: string,
    config: Partial<AdmissionConfig>,
    now?: number,
  ): Promise<AdmissionConfig>;
  getConfig(eventId: string): Promise<AdmissionConfig | null>;
  /** Fixed-window counter (e.g. joins per client IP). */
  hitRateLimit(
    key: string,
    limit: number,
    windowSeconds: number,
    now: number,
  ): Promise<RateLimitResult>;
}

/**
 * The one primitive the Redis store needs: run a Lua script atomically.
 * Adapters: ioredis (origin) and @upstash/redis (Lambda@Edge).
 */
export interface RedisScripting {
  eval(script: string, keys: string[], args: (string | number)[]): Promise<unknown>;
}
