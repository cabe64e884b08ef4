import type { Series } from './dashboard-series';

/**
 * Polyline points for a chart from 0 (bottom) to `max` (top), one x step per sample; gaps
 * (undefined) are skipped. Pure; empty when fewer than two points are defined.
 *
 * @example chartPoints([0, 5, 10], 100, 20, 10) // '0.0,19.0 50.0,10.0 100.0,1.0'
 */
export function chartPoints(values: Series, width: number, height: number, max: number): string {
  const steps = Math.max(1, values.length - 1);
  const top = max > 0 ? max : 1;
  const points: string[] = [];
  values.forEach((v, i) => {
    if (v === undefined || !Number.isFinite(v)) return;
    const x = (i / steps) * width;
    const y = height - 1 - (Math.min(v, top) / top) * (height - 2);
    points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  return points.length < 2 ? '' : points.join(' ');
}

/** A "nice" top for the y axis: 1, 2 or 5 × 10ⁿ at or above the largest value. */
export function niceMax(values: Series, floor = 1): number {
  const largest = Math.max(floor, ...values.filter((v): v is number => v !== undefined));
  const magnitude = 10 ** Math.floor(Math.log10(largest));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= largest) ?? largest;
}

const W = 240;
const H = 64;

/**
 * One small dashboard chart: title, the latest value in words (what a screen reader reads),
 * and an SVG trend with its scale. `fixedMax` pins the scale (1 for ratios).
 */
export function LineChart(props: {
  title: string;
  values: Series;
  /** The latest value as text, e.g. "42/min", "—" when unknown. */
  current: string;
  fixedMax?: number;
  format?: (n: number) => string;
  testId?: string;
  note?: string;
}) {
  const max = props.fixedMax ?? niceMax(props.values);
  const points = chartPoints(props.values, W, H, max);
  const format = props.format ?? ((n: number) => String(Math.round(n)));
  return (
    <figure class="chart">
      <figcaption>
        <span>{props.title}</span>
        <strong data-testid={props.testId}>{props.current}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true">
        <line class="axis" x1={0} y1={H - 0.5} x2={W} y2={H - 0.5} />
        <line class="grid" x1={0} y1={0.5} x2={W} y2={0.5} />
        {points && (
          <>
            <polygon class="area" points={`0,${H} ${points} ${W},${H}`} />
            <polyline class="line" points={points} />
          </>
        )}
      </svg>
      <small class="muted">
        {points ? `scale 0–${format(max)}` : (props.note ?? 'collecting…')}
      </small>
    </figure>
  );
}
