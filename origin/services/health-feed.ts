import { startBackgroundTask } from './background-task';
import type { ResolvedDeps } from './deps';

/** How often the origin reports its health per event (adaptive admission adjusts at most as often). */
export const HEALTH_INTERVAL_MS = 5_000;

export interface HealthFeed {
  /** Reports every event with buying traffic in the last minute; returns how many. */
  reportOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. */
  close(): Promise<void>;
}

type FeedDeps = Pick<ResolvedDeps, 'activity' | 'admission' | 'clock'> &
  Partial<Pick<ResolvedDeps, 'onBackgroundError'>>;

/**
 * The adaptive admission feed: every `intervalMs`, for each event with buying requests in the
 * last minute, sends this process's p95 latency and 5xx rate of the buying routes over the last
 * few seconds (`HEALTH_WINDOW_SECONDS`) to `admission.reportHealth` (when the room store has it;
 * several origin processes each report their own, the room store's script applies at most one
 * adjustment per interval). No request finished in that window → no report: the rate holds
 * (an origin whose requests hang finishes none, so silence is never taken for health).
 * Passes do not overlap. `intervalMs: 0` starts no timer.
 * @example const feed = startHealthFeed(services.deps); ...; await feed.close();
 */
export function startHealthFeed(deps: FeedDeps, intervalMs = HEALTH_INTERVAL_MS): HealthFeed {
  async function pass(): Promise<number> {
    const report = deps.admission.reportHealth?.bind(deps.admission);
    if (!report) return 0;
    const now = deps.clock();
    let sent = 0;
    for (const eventId of deps.activity.activeEvents(now)) {
      const health = deps.activity.health(eventId, now);
      if (!health) continue;
      await report(eventId, health);
      sent++;
    }
    return sent;
  }
  const task = startBackgroundTask({
    name: 'health feed',
    run: pass,
    intervalMs,
    onError: (error, name) => deps.onBackgroundError?.(error, name),
  });
  return { reportOnce: task.runOnce, close: task.close };
}
