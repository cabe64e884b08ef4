import type { TokenKeys } from '../token';
import type { RoomStore } from './store/types';

/** Joins per client IP per window. */
export interface JoinRateLimit {
  limit: number;
  windowSeconds: number;
}

/** What the waiting-room routes need; built once by `createWaitingRoomApp`. */
export interface WaitingRoomDeps {
  store: RoomStore;
  keys: TokenKeys;
  /** Epoch ms; injectable so tests control time. */
  clock: () => number;
  joinRateLimit: JoinRateLimit;
  /** How long a queue ticket stays valid. */
  ticketTtlSeconds: number;
}

/** Generous enough for a household behind one NAT, tight enough to slow a join script. */
export const DEFAULT_JOIN_RATE_LIMIT: JoinRateLimit = { limit: 30, windowSeconds: 60 };

export const DEFAULT_TICKET_TTL_SECONDS = 48 * 3600;
