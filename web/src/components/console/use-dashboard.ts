import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { admin, edgeStats } from '../../api/client';
import { ApiError, friendlyMessage } from '../../api/errors';
import type { Dashboard, EdgeStats, EventStats, RoomState } from '../../api/types';
import { roomState } from '../../api/waiting-room';
import { type DashboardSample, originHealth, trim } from './dashboard-series';

/** How often the dashboard reads its sources. */
export const DASHBOARD_REFRESH_MS = 3000;
/** How much history the charts keep. */
export const DASHBOARD_HISTORY_MS = 15 * 60_000;

/** One sample from whatever answered; missing sources leave their fields undefined. */
export function sampleOf(
  at: number,
  dashboard: Dashboard | undefined,
  room: RoomState | undefined,
  edge: EdgeStats | undefined,
): DashboardSample {
  const stats = dashboard?.current;
  return {
    at,
    queueLength: room?.queueLength,
    servingNumber: room?.servingNumber,
    activeBuyers: room?.activeBuyers,
    admittedPerMinute: room?.admissionRatePerMinute,
    holds: stats?.holds,
    sold: stats?.sold,
    capacity: stats?.capacity,
    edgeHits: edge ? edge.total.hits + edge.total.refreshHits : undefined,
    edgeMisses: edge?.total.misses,
    ...originHealth(dashboard?.minutes),
  };
}

const value = <T>(r: PromiseSettledResult<T>) => (r.status === 'fulfilled' ? r.value : undefined);

/**
 * Polls the sale's sources every 3 s while mounted (skipping polls in a hidden tab): the
 * organizer dashboard (live stats plus the origin's latency and error rate), the public room
 * state and, where it exists (locally), the edge's cache counters.
 */
export function useDashboard(organizerKey: string, eventId: string) {
  const samples = useSignal<DashboardSample[]>([]);
  const stats = useSignal<EventStats | undefined>(undefined);
  const room = useSignal<RoomState | undefined>(undefined);
  const error = useSignal<string | null>(null);
  const hasEdgeStats = useSignal(true);

  useEffect(() => {
    let live = true;
    samples.value = [];
    const load = async () => {
      if (document.visibilityState === 'hidden') return;
      const results = await Promise.allSettled([
        admin.dashboard(organizerKey, eventId),
        roomState(eventId),
        hasEdgeStats.value ? edgeStats() : Promise.resolve(undefined),
      ]);
      if (!live) return;
      const [s, r, e] = results;
      // No `/_edge/stats` (CloudFront in production): stop asking, the chart says why.
      if (e.status === 'rejected' && e.reason instanceof ApiError && e.reason.status === 404) {
        hasEdgeStats.value = false;
      }
      stats.value = value(s)?.current ?? stats.value;
      room.value = value(r) ?? room.value;
      const failed = [s, r].find((x) => x.status === 'rejected') as
        | PromiseRejectedResult
        | undefined;
      error.value = failed ? friendlyMessage(failed.reason) : null;
      const sample = sampleOf(Date.now(), value(s), value(r), value(e));
      samples.value = trim([...samples.value, sample], DASHBOARD_HISTORY_MS);
    };
    void load();
    const timer = setInterval(load, DASHBOARD_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [organizerKey, eventId]);

  return { samples, stats, room, error, hasEdgeStats };
}
