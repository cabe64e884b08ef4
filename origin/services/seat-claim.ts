import type { EventDefinition } from '../domain/event-definition';
import type { ServiceDeps } from './deps';
import { isCrash, step } from './faults';
import type { HeldSeat } from './models';

export type ClaimResult = { ok: true } | { ok: false; lost: string[]; locked: boolean };

type ClaimDeps = Pick<ServiceDeps, 'store' | 'locks' | 'bookingMode' | 'holdLockTtlMs' | 'faults'>;

/**
 * The Redis lock key of a seat: event-scoped, with the event as hash tag so all keys of one
 * hold share a Redis Cluster slot (the all-or-nothing Lua script needs that).
 */
export const lockKey = (eventId: string, seatId: string) => `{${eventId}}:${seatId}`;

/**
 * Claims seats for a hold, all or nothing (ARCHITECTURE.md "Reservations", steps 2–4):
 * lock every seat first (fail fast, with no DynamoDB call, when any is locked), then one
 * conditional write per seat with the hold id as fencing token, in parallel with `alongside`
 * (the per-buyer limit), undo the seats taken if any write (or `alongside`) fails, and
 * compare-and-delete unlock without waiting for it: once the seats are written, the
 * conditional writes guard them and the lock has done its job.
 * After a {@link SimulatedCrash} nothing is cleaned up, like a killed process: locks lapse by
 * TTL and seats stay held until the hold expires.
 */
export async function claimSeats(
  deps: ClaimDeps,
  event: EventDefinition,
  seats: HeldSeat[],
  holdId: string,
  expiresAt: number,
  now: number,
  alongside?: () => Promise<void>,
): Promise<ClaimResult> {
  const safe = deps.bookingMode === 'safe';
  const keys = seats.map((s) => lockKey(event.id, s.seatId));
  if (safe) {
    const lock = await deps.locks.acquireAll(keys, holdId, deps.holdLockTtlMs);
    if (!lock.ok) {
      const prefix = lockKey(event.id, '').length;
      return { ok: false, lost: lock.taken.map((k) => k.slice(prefix)), locked: true };
    }
  }
  const ref = (s: HeldSeat) => ({ eventId: event.id, sectionId: s.sectionId, seatId: s.seatId });
  const written: HeldSeat[] = [];
  let crashed = false;
  try {
    await step(deps.faults, 'hold:locked');
    const [results, side] = await Promise.all([
      Promise.all(
        seats.map(async (s) => {
          const ok = await deps.store.seats.hold(ref(s), holdId, expiresAt, now);
          if (ok) written.push(s);
          if (ok) await step(deps.faults, 'hold:seat-written');
          return ok;
        }),
      ),
      alongside
        ? alongside().then(
            () => undefined,
            (error: unknown) => ({ error }),
          )
        : undefined,
    ]);
    if (side) throw side.error; // undone below, like any failure

    const lost = seats.filter((_, i) => !results[i]).map((s) => s.seatId);
    if (lost.length === 0) return { ok: true };
    await undo(deps, written.map(ref), holdId);
    return { ok: false, lost, locked: false };
  } catch (error) {
    crashed = isCrash(error);
    if (!crashed) await undo(deps, written.map(ref), holdId).catch(() => undefined);
    throw error;
  } finally {
    if (safe && !crashed) void deps.locks.releaseAll(keys, holdId).catch(() => undefined);
  }
}

async function undo(
  deps: ClaimDeps,
  refs: { eventId: string; sectionId: string; seatId: string }[],
  holdId: string,
): Promise<void> {
  await Promise.all(refs.map((r) => deps.store.seats.release(r, holdId)));
}
