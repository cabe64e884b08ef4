import { EMF_GAUGE_INTERVAL_MS } from '../../common/metric-names';
import type { EmfMetrics } from '../http/emf';
import { startBackgroundTask } from './background-task';
import type { ResolvedDeps } from './deps';

/** Rooms are gauged from this long before their on-sale (the pre-queue fills up then). */
export const GAUGE_LEAD_MS = 60 * 60_000;

type GaugeDeps = Pick<ResolvedDeps, 'store' | 'admission' | 'activity' | 'clock'> &
  Partial<Pick<ResolvedDeps, 'onBackgroundError'>>;

export interface RoomGauges {
  /** Writes the gauges of every open room once; returns how many rooms it wrote. */
  reportOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. */
  close(): Promise<void>;
}

/** True from {@link GAUGE_LEAD_MS} before the on-sale until the event starts. */
export function roomIsOpen(event: { onSaleAt: string; startsAt: string }, now: number): boolean {
  return now >= Date.parse(event.onSaleAt) - GAUGE_LEAD_MS && now < Date.parse(event.startsAt);
}

/**
 * The waiting-room gauges: every `intervalMs`, reads each open room through the admission port
 * (`admission.state`, when the room store has it) and writes `QueueLength` (buyers in line not
 * yet admitted) and `ActiveBuyers` per event. Open rooms are the events whose sale window is
 * near or open, plus any event with buying traffic in the last minute. Every origin task writes
 * its own copy of the same figures: the dashboard plots their Maximum. Passes do not overlap.
 * `intervalMs: 0` starts no timer.
 * @example const gauges = startRoomGauges(services.deps, emf); ...; await gauges.close();
 */
export function startRoomGauges(
  deps: GaugeDeps,
  emf: Pick<EmfMetrics, 'gauge'>,
  intervalMs = EMF_GAUGE_INTERVAL_MS,
): RoomGauges {
  async function pass(): Promise<number> {
    const read = deps.admission.state?.bind(deps.admission);
    if (!read) return 0;
    const now = deps.clock();
    const ids = new Set(deps.activity.activeEvents(now));
    for (const record of await deps.store.events.list()) {
      if (roomIsOpen(record.definition, now)) ids.add(record.definition.id);
    }
    let written = 0;
    for (const eventId of ids) {
      const room = await read(eventId, now);
      if (!room) continue;
      emf.gauge(eventId, { queueLength: room.waiting, activeBuyers: room.activeBuyers });
      written++;
    }
    return written;
  }
  const task = startBackgroundTask({
    name: 'room gauges',
    run: pass,
    intervalMs,
    onError: (error, name) => deps.onBackgroundError?.(error, name),
  });
  return { reportOnce: task.runOnce, close: task.close };
}
