/**
 * Per-call work bounds of the room stores, shared by the memory store and the Lua scripts so
 * both behave the same. Each call sweeps at most this many departed tickets and expired
 * records: O(1) amortised work per call, however long the line.
 */
export const SWEEP_BATCH = 200;
export const PURGE_BATCH = 100;

/**
 * Entries kept in a room's admitted stream (`XADD … MAXLEN ~`): the edge's outbox of first
 * admissions, read by the origin's admitted feed well before this many pile up.
 */
export const ADMITTED_STREAM_MAX = 100_000;

/** A record of a ticket the store never saw join is kept this long when its expiry is unknown. */
export const UNKNOWN_TICKET_TTL_MS = 48 * 3600 * 1000;
