/**
 * The benchmark's chart as a self-contained SVG (no chart library): left, response time (avg and
 * p99, log scale) against concurrent users for both modes; right, admitted buyers and seats sold
 * over the run's time. Pure: returns the SVG text.
 */
import type { StepReport, SurgeMode } from './report';

const W = 1100;
const H = 440;
const PANEL = { top: 50, bottom: 380, width: 440 };
const COLORS: Record<SurgeMode, string> = { edge: '#1f77b4', baseline: '#d62728' };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const text = (x: number, y: number, s: string, extra = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${extra}>${esc(s)}</text>`;
const path = (points: [number, number][], color: string, dash = '') =>
  points.length === 0
    ? ''
    : `<path d="${points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('')}" fill="none" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;

/** Log-scale position of `v` between `lo` and `hi` mapped onto [a, b]. */
function logScale(v: number, lo: number, hi: number, a: number, b: number): number {
  const t = (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo) || 1);
  return a + t * (b - a);
}

function latencyPanel(steps: readonly StepReport[], x0: number): string {
  const users = [...new Set(steps.map((s) => s.users))].sort((a, b) => a - b);
  const values = steps.flatMap((s) => [s.measurement.overall.avg, s.measurement.overall.p99]);
  const lo = 1;
  const hi = 10 ** Math.ceil(Math.log10(Math.max(10, ...values)));
  const x = (u: number) =>
    users.length < 2
      ? x0 + PANEL.width / 2
      : logScale(u, users[0] as number, users.at(-1) as number, x0, x0 + PANEL.width);
  const y = (v: number) => logScale(v, lo, hi, PANEL.bottom, PANEL.top);
  const out: string[] = [text(x0, 30, 'Response time vs concurrent users (ms, log)', 'class="t"')];
  for (let v = lo; v <= hi; v *= 10) {
    out.push(`<line x1="${x0}" x2="${x0 + PANEL.width}" y1="${y(v)}" y2="${y(v)}" class="g"/>`);
    out.push(text(x0 - 6, y(v) + 4, String(v), 'text-anchor="end"'));
  }
  for (const u of users) out.push(text(x(u), PANEL.bottom + 18, String(u), 'text-anchor="middle"'));
  for (const mode of ['edge', 'baseline'] as const) {
    const own = steps.filter((s) => s.mode === mode).sort((a, b) => a.users - b.users);
    const avg = own.map((s): [number, number] => [x(s.users), y(s.measurement.overall.avg)]);
    const p99 = own.map((s): [number, number] => [x(s.users), y(s.measurement.overall.p99)]);
    out.push(path(avg, COLORS[mode]), path(p99, COLORS[mode], '6 4'));
    for (const [px, py] of [...avg, ...p99]) {
      out.push(
        `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3" fill="${COLORS[mode]}"/>`,
      );
    }
  }
  return out.join('');
}

function timelinePanel(steps: readonly StepReport[], x0: number): string {
  const series = (['edge', 'baseline'] as const).map((mode) => {
    let admitted = 0;
    let sold = 0;
    const a: [number, number][] = [];
    const s: [number, number][] = [];
    for (const step of steps.filter((st) => st.mode === mode)) {
      for (const p of step.measurement.timeline) {
        admitted += p.admitted;
        sold += p.seatsSold;
        a.push([step.startedAtSecond + p.second, admitted]);
        s.push([step.startedAtSecond + p.second, sold]);
      }
    }
    return { mode, a, s };
  });
  // Time from the first step's start: set-up before it is not part of the surge.
  const begin = steps.length ? Math.min(...steps.map((s) => s.startedAtSecond)) : 0;
  const end = Math.max(begin + 1, ...steps.map((s) => s.startedAtSecond + s.measurement.seconds));
  const top = Math.max(10, ...series.flatMap(({ a, s }) => [...a, ...s].map(([, v]) => v)));
  const x = (t: number) => x0 + ((t - begin) / (end - begin)) * PANEL.width;
  const y = (v: number) => PANEL.bottom - (v / top) * (PANEL.bottom - PANEL.top);
  const out: string[] = [text(x0, 30, 'Admitted buyers and seats sold over time', 'class="t"')];
  for (let i = 0; i <= 4; i++) {
    const v = (top * i) / 4;
    out.push(`<line x1="${x0}" x2="${x0 + PANEL.width}" y1="${y(v)}" y2="${y(v)}" class="g"/>`);
    out.push(text(x0 - 6, y(v) + 4, v.toFixed(0), 'text-anchor="end"'));
  }
  for (const step of steps) {
    const sx = x(step.startedAtSecond);
    out.push(`<line x1="${sx}" x2="${sx}" y1="${PANEL.top}" y2="${PANEL.bottom}" class="g"/>`);
    const label = `${step.mode === 'edge' ? 'E' : 'B'}${step.users}`;
    out.push(text(sx + 2, PANEL.top - 4, label, 'class="s"'));
  }
  out.push(text(x0, PANEL.bottom + 18, '0 s', 'text-anchor="middle"'));
  const span = `${(end - begin).toFixed(0)} s`;
  out.push(text(x0 + PANEL.width, PANEL.bottom + 18, span, 'text-anchor="end"'));
  for (const { mode, a, s } of series) {
    out.push(
      path(
        a.map(([t, v]) => [x(t), y(v)]),
        COLORS[mode],
        '6 4',
      ),
    );
    out.push(
      path(
        s.map(([t, v]) => [x(t), y(v)]),
        COLORS[mode],
      ),
    );
  }
  return out.join('');
}

/** What the legend says about the run. */
export interface ChartLegend {
  /** Origin processes behind the edge in this run. */
  workers: number;
}

/**
 * Renders both panels with a legend.
 * @example writeFileSync('bench-results/surge.svg', renderChart(report.steps, 'surge', { workers: 2 }))
 */
export function renderChart(
  steps: readonly StepReport[],
  title: string,
  legendOf: ChartLegend,
): string {
  const workers = `${legendOf.workers} worker${legendOf.workers === 1 ? '' : 's'}`;
  const legend = [
    `<line x1="60" x2="90" y1="420" y2="420" stroke="${COLORS.edge}" stroke-width="2"/>`,
    text(95, 424, `edge + waiting room (${workers})`),
    `<line x1="330" x2="360" y1="420" y2="420" stroke="${COLORS.baseline}" stroke-width="2"/>`,
    text(365, 424, 'baseline (one origin, no cache, unsafe)'),
    text(660, 424, 'solid: avg / seats sold · dashed: p99 / admitted'),
  ].join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    '<style>.g{stroke:#ddd}.t{font-size:13px;font-weight:bold}.s{font-size:9px;fill:#666}</style>',
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    text(W / 2, 14, title, 'text-anchor="middle" class="s"'),
    latencyPanel(steps, 70),
    timelinePanel(steps, 620),
    legend,
    '</svg>',
  ].join('\n');
}
