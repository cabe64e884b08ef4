import { releaseSlot } from './admission-slot';
import { startBackgroundTask } from './background-task';
import type { ResolvedDeps } from './deps';
import { holdExpired } from './outbox/events';

/** How often the sweeper looks for expired holds. */
export const SWEEP_INTERVAL_MS = 5_000;
/** Most holds taken from each expiry-index shard per sweep. */
export const SWEEP_BATCH = 100;

export interface HoldSweeper {
  /** One pass: expires what is due now; returns how many holds this process expired. */
  sweepOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. */
  close(): Promise<void>;
}

type SweepDeps = Pick<ResolvedDeps, 'store' | 'admission' | 'clock'> &
  Partial<Pick<ResolvedDeps, 'onBackgroundError' | 'onDegraded'>>;

/**
 * Frees the waiting-room slot of every hold that expires without being read again: every
 * `intervalMs` it queries the sparse expiry index (never a scan) for ACTIVE holds past their
 * expiry, marks each EXPIRED with a conditional write (with several origin processes sweeping,
 * exactly one wins each hold), stops counting it against the buyer's limit and frees the
 * buyer's slot ({@link releaseSlot}: a Redis error is reported through `onDegraded`, never
 * fails the pass). Seat items are left alone: an expired hold's seats are already free to the
 * next conditional write, and a payment still settling may sell them.
 * `intervalMs: 0` starts no timer (tests call {@link HoldSweeper.sweepOnce}).
 * @example const sweeper = startHoldSweeper(services.deps); ...; await sweeper.close();
 */
export function startHoldSweeper(
  deps: SweepDeps,
  options: { intervalMs?: number; batch?: number } = {},
): HoldSweeper {
  const intervalMs = options.intervalMs ?? SWEEP_INTERVAL_MS;
  const batch = options.batch ?? SWEEP_BATCH;

  async function pass(): Promise<number> {
    const now = deps.clock();
    const due = await deps.store.holds.listExpired(now, batch);
    const expired = await Promise.all(
      due.map(async (hold) => {
        // Outbox (issue 9): `hold.expired` rides in the same write as EXPIRED.
        if (!(await deps.store.holds.markExpired(hold.id, now, holdExpired(hold, now)))) return 0;
        await deps.store.buyers.drop(hold.eventId, hold.ticketId, hold.id, hold.seats.length);
        await releaseSlot(deps, hold);
        return 1;
      }),
    );
    return expired.reduce<number>((a, b) => a + b, 0);
  }

  const task = startBackgroundTask({
    name: 'hold sweeper',
    run: pass,
    intervalMs,
    onError: (error, name) => deps.onBackgroundError?.(error, name),
  });
  return { sweepOnce: task.runOnce, close: task.close };
}
