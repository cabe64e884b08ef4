import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { admin } from '../../api/client';
import { friendlyMessage } from '../../api/errors';
import type { EventStats, RoomState } from '../../api/types';
import { roomState } from '../../api/waiting-room';
import { formatMoney } from '../../lib/money';
import { Sparkline } from './sparkline';

const REFRESH_MS = 3000;
const HISTORY = 40;

interface Sample {
  stats?: EventStats;
  room?: RoomState;
}

/** Live sale numbers for one event, refreshed every 3 s, with short trend lines. */
export function StatsPanel({
  organizerKey,
  eventId,
  currency,
}: {
  organizerKey: string;
  eventId: string;
  currency: string;
}) {
  const latest = useSignal<Sample>({});
  const history = useSignal<Sample[]>([]);
  const error = useSignal<string | null>(null);

  useEffect(() => {
    let live = true;
    history.value = [];
    const load = async () => {
      const [stats, room] = await Promise.allSettled([
        admin.stats(organizerKey, eventId),
        roomState(eventId),
      ]);
      if (!live) return;
      const sample: Sample = {
        stats: stats.status === 'fulfilled' ? stats.value : latest.value.stats,
        room: room.status === 'fulfilled' ? room.value : latest.value.room,
      };
      const failed = [stats, room].find((r) => r.status === 'rejected');
      error.value = failed ? friendlyMessage((failed as PromiseRejectedResult).reason) : null;
      latest.value = sample;
      history.value = [...history.value, sample].slice(-HISTORY);
    };
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [organizerKey, eventId]);

  const { stats, room } = latest.value;
  const series = (pick: (s: Sample) => number | undefined) =>
    history.value.map(pick).filter((v): v is number => typeof v === 'number');
  const tiles: { label: string; value: string; trend?: number[]; testId?: string }[] = [
    {
      label: 'Admission',
      value: room ? (room.paused ? 'paused' : 'open') : '…',
      testId: 'admission-state',
    },
    {
      label: 'In queue',
      value: String(room?.queueLength ?? '…'),
      trend: series((s) => s.room?.queueLength),
    },
    {
      label: 'Serving number',
      value: String(room?.servingNumber ?? '…'),
      trend: series((s) => s.room?.servingNumber),
    },
    {
      label: 'Active buyers',
      value: room ? `${room.activeBuyers} / ${room.maxActive}` : '…',
      trend: series((s) => s.room?.activeBuyers),
    },
    { label: 'Admit rate', value: room ? `${room.ratePerMinute}/min` : '…' },
    {
      label: 'Available',
      value: String(stats?.available ?? '…'),
      trend: series((s) => s.stats?.available),
    },
    { label: 'Held', value: String(stats?.held ?? '…'), trend: series((s) => s.stats?.held) },
    {
      label: 'Sold',
      value: stats ? `${stats.sold} / ${stats.capacity}` : '…',
      trend: series((s) => s.stats?.sold),
    },
    { label: 'Orders', value: String(stats?.orders ?? '…') },
    {
      label: 'Revenue',
      value: stats ? formatMoney(stats.revenueCents, currency) : '…',
      trend: series((s) => s.stats?.revenueCents),
    },
  ];
  return (
    <section class="card" aria-labelledby="stats-title">
      <h3 id="stats-title">Live</h3>
      {error.value && <p class="notice">{error.value}</p>}
      <dl class="stats-grid">
        {tiles.map((tile) => (
          <div key={tile.label} class="stat">
            <dt>{tile.label}</dt>
            <dd data-testid={tile.testId}>{tile.value}</dd>
            {tile.trend && <Sparkline values={tile.trend} />}
          </div>
        ))}
      </dl>
    </section>
  );
}
