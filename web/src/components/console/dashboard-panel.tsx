import type { EventStats, RoomState } from '../../api/types';
import { formatMoney } from '../../lib/money';
import { dashboardSeries, latest } from './dashboard-series';
import { LineChart } from './line-chart';
import { useDashboard } from './use-dashboard';

/** "open", "paused", "everyone queued" or "pre-queue" from the room state. */
export function admissionState(room: RoomState | undefined, now = Date.now()): string {
  if (!room) return '…';
  if (room.paused) return 'paused';
  if (room.queueAll) return 'everyone queued';
  const opensAt = room.opensAt == null ? undefined : new Date(room.opensAt).getTime();
  if (opensAt !== undefined && opensAt > now) return 'pre-queue';
  return 'open';
}

const whole = (n: number | undefined, unit = '') =>
  n === undefined ? '—' : `${Math.round(n)}${unit}`;
const percent = (n: number | undefined) => (n === undefined ? '—' : `${Math.round(n * 100)}%`);
const ratio = { fixedMax: 1, format: (n: number) => `${n * 100}%` };

/** One chart of the dashboard: what {@link LineChart} draws. */
export type ChartSpec = Parameters<typeof LineChart>[0];

/**
 * The dashboard's charts in display order, from the series and the latest readings. Pure, so
 * the panel is one loop and a new chart is one entry here.
 */
export function chartSpecs(
  series: ReturnType<typeof dashboardSeries>,
  room: RoomState | undefined,
  stats: EventStats | undefined,
  hasEdgeStats: boolean,
): ChartSpec[] {
  const originNote = 'no buying requests in the last two minutes';
  return [
    {
      title: 'In queue',
      values: series.queueLength,
      current: whole(latest(series.queueLength)),
      testId: 'chart-queue',
    },
    {
      title: 'Admitted per minute',
      values: series.admittedPerMinute,
      current: whole(latest(series.admittedPerMinute), '/min'),
    },
    {
      title: 'Active buyers',
      values: series.activeBuyers,
      current: room ? `${room.activeBuyers} / ${room.maxActive}` : '—',
    },
    {
      title: 'Holds per minute',
      values: series.holdsPerMinute,
      current: whole(latest(series.holdsPerMinute), '/min'),
    },
    {
      title: 'Sales per minute',
      values: series.salesPerMinute,
      current: whole(latest(series.salesPerMinute), '/min'),
    },
    {
      title: 'Sold vs capacity',
      values: series.soldShare,
      ...ratio,
      current: stats
        ? `${stats.sold} / ${stats.capacity} (${percent(stats.capacity ? stats.sold / stats.capacity : 0)})`
        : '—',
      testId: 'sold-vs-capacity',
    },
    {
      title: 'Origin p95 latency',
      values: series.originP95Ms,
      current: whole(latest(series.originP95Ms), ' ms'),
      note: originNote,
      testId: 'origin-p95',
    },
    {
      title: 'Origin error rate',
      values: series.originErrorRate,
      ...ratio,
      current: percent(latest(series.originErrorRate)),
      note: originNote,
      testId: 'origin-error-rate',
    },
    {
      title: 'Edge cache hit ratio',
      values: series.edgeHitRatio,
      ...ratio,
      current: percent(latest(series.edgeHitRatio)),
      note: hasEdgeStats ? 'collecting…' : 'no local edge stats (see CloudFront reports)',
      testId: 'edge-hit-ratio',
    },
  ];
}

/**
 * The live dashboard for one event: a summary line and small charts of the queue, admissions,
 * active buyers, holds and sales per minute, sold vs capacity, origin latency and errors, and
 * the edge's cache hit ratio. Refreshes every few seconds.
 */
export function DashboardPanel(props: { organizerKey: string; eventId: string; currency: string }) {
  const { samples, stats, room, error, hasEdgeStats } = useDashboard(
    props.organizerKey,
    props.eventId,
  );
  const r = room.value;
  const s = stats.value;
  const charts = chartSpecs(dashboardSeries(samples.value), r, s, hasEdgeStats.value);
  return (
    <section class="card dashboard" aria-labelledby="stats-title">
      <h3 id="stats-title">Live</h3>
      {error.value && <p class="notice">{error.value}</p>}
      <dl class="stats-grid">
        <div class="stat">
          <dt>Admission</dt>
          <dd data-testid="admission-state">{admissionState(r)}</dd>
        </div>
        <div class="stat">
          <dt>Serving number</dt>
          <dd data-testid="serving-number">{r?.servingNumber ?? '…'}</dd>
        </div>
        <div class="stat">
          <dt>Admit rate</dt>
          <dd data-testid="admit-rate">{r ? `${r.ratePerMinute}/min` : '…'}</dd>
        </div>
        <div class="stat">
          <dt>Orders · revenue</dt>
          <dd>{s ? `${s.orders} · ${formatMoney(s.revenueCents, props.currency)}` : '…'}</dd>
        </div>
      </dl>
      <div class="charts">
        {charts.map((chart) => (
          <LineChart key={chart.title} {...chart} />
        ))}
      </div>
    </section>
  );
}
