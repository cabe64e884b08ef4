/**
 * The life of one seat, and the rules the DynamoDB conditional writes encode, stated once:
 *
 * - hold:    `AVAILABLE → HELD(holdId, expiresAt)` when the seat is free, i.e.
 *            `state = AVAILABLE OR (state = HELD AND expiresAt < now)`.
 * - sell:    `HELD(holdId) → SOLD(orderId)` only for the hold that holds it (the hold id is the
 *            fencing token: a process whose hold lapsed and was re-held cannot sell).
 * - release: `HELD(holdId) → AVAILABLE` only for that same hold.
 *
 * Times are epoch milliseconds. A hold is live up to and including `expiresAt`.
 */
export type SeatState =
  | { status: 'AVAILABLE' }
  | { status: 'HELD'; holdId: string; expiresAt: number }
  | { status: 'SOLD'; orderId: string };

/** What a buyer sees: an expired hold shows as available. */
export type SeatStatus = 'available' | 'held' | 'sold';

/** True when the seat can be taken now: available, or held by a hold that has expired. */
export function isSeatFree(state: SeatState, now: number): boolean {
  return state.status === 'AVAILABLE' || (state.status === 'HELD' && state.expiresAt < now);
}

/** True when a new hold may take the seat (same rule as {@link isSeatFree}). */
export function canHold(state: SeatState, now: number): boolean {
  return isSeatFree(state, now);
}

/**
 * True when `holdId` may sell the seat. Without `now`, only the fencing rule applies (the seat is
 * still held by this hold, even if the hold has lapsed but nobody took the seat since): what the
 * conditional write checks when a late payment settles. With `now`, the hold must also be live:
 * what checkout checks before it charges.
 */
export function canSell(state: SeatState, holdId: string, now?: number): boolean {
  if (state.status !== 'HELD' || state.holdId !== holdId) return false;
  return now === undefined || state.expiresAt >= now;
}

/** True when `holdId` may hand the seat back (it still holds it, expired or not). */
export function canRelease(state: SeatState, holdId: string): boolean {
  return state.status === 'HELD' && state.holdId === holdId;
}

/** True when the seat is already sold to `orderId` (a retried sale is then a success). */
export function isSoldTo(state: SeatState, orderId: string): boolean {
  return state.status === 'SOLD' && state.orderId === orderId;
}

/** The status to show at `now`. */
export function seatStatusAt(state: SeatState, now: number): SeatStatus {
  if (state.status === 'SOLD') return 'sold';
  return isSeatFree(state, now) ? 'available' : 'held';
}
