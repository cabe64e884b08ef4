/**
 * The benchmark's results in the shape of the paper's Table III: one row per step and mode, plus
 * per-endpoint times, the CPU each part of the stack used and the reconciliation verdict. Pure.
 */
import type { GeneratorResult } from './generator';

export type SurgeMode = 'edge' | 'baseline';

/** One step of one mode, everything the table, the JSON file and the chart need. */
export interface StepReport {
  mode: SurgeMode;
  users: number;
  eventId: string;
  /** Seconds since the run started when this step began (for the timeline chart). */
  startedAtSecond: number;
  measurement: GeneratorResult;
  reqPerSecond: number;
  errorRate: number;
  holdsPerSecond: number;
  salesPerSecond: number;
  /** Edge cache hits / (hits + misses) during the step; null in baseline mode (no edge). */
  cacheHitRatio: number | null;
  /** Waiting-room queue length sampled each second (null in baseline mode: no room). */
  queueLength: { max: number; end: number } | null;
  /** CPU used per part of the stack, as a share of one core (`machine`: all cores = 1). */
  cpu: Record<string, number>;
  /** From the reconciliation scan of this step's event after the run: seats sold twice. */
  doubleBookings?: number;
  /** FAILED orders whose approved payment was not refunded in full (must be 0). */
  unrefunded?: number;
  violations?: string[];
}

/** Derived per-second rates from a step's raw measurement. */
export function rates(m: GeneratorResult) {
  const requests = m.overall.count + m.unfinished;
  return {
    reqPerSecond: requests / m.seconds,
    errorRate: requests === 0 ? 0 : m.overall.errors / requests,
    holdsPerSecond: m.totals.holds / m.seconds,
    salesPerSecond: m.totals.sales / m.seconds,
  };
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)}s` : `${v.toFixed(1)}`);
const pct = (v: number | null, digits = 1) => (v === null ? '–' : `${(v * 100).toFixed(digits)}%`);
const pad = (cells: string[], widths: number[]) =>
  cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');

/** The main table: one row per step and mode (times in ms unless marked `s`). */
export function formatTable(steps: readonly StepReport[]): string {
  const head = [
    'mode',
    'users',
    'avg',
    'p50',
    'p95',
    'p99',
    'req/s',
    'err%',
    'holds/s',
    'sales/s',
    'cache hit',
    'queue max',
    'double-booked',
    'unrefunded',
    'gen CPU',
  ];
  const rows = steps.map((s) => {
    const o = s.measurement.overall;
    return [
      s.mode,
      String(s.users),
      ms(o.avg),
      ms(o.p50),
      ms(o.p95),
      ms(o.p99),
      s.reqPerSecond.toFixed(0),
      pct(s.errorRate, 2),
      s.holdsPerSecond.toFixed(1),
      s.salesPerSecond.toFixed(1),
      pct(s.cacheHitRatio),
      s.queueLength === null ? '–' : String(s.queueLength.max),
      s.doubleBookings === undefined ? '?' : String(s.doubleBookings),
      s.unrefunded === undefined ? '?' : String(s.unrefunded),
      pct(s.measurement.generatorCoreShare, 0),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [pad(head, widths), ...rows.map((r) => pad(r, widths))].join('\n');
}

/** Per-endpoint times and answers of one step, plus where the CPU went. */
export function formatStepDetail(step: StepReport): string {
  const lines = [`${step.mode} @ ${step.users} users (${step.eventId})`];
  for (const [name, e] of Object.entries(step.measurement.endpoints)) {
    const notOk = Object.entries(e.statuses)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 3)
      .map(([status, n]) => `${status}×${n}`)
      .join(', ');
    lines.push(
      `  ${name.padEnd(12)} n=${String(e.count).padStart(7)}  avg ${ms(e.avg).padStart(7)}  ` +
        `p50 ${ms(e.p50).padStart(7)}  p95 ${ms(e.p95).padStart(7)}  p99 ${ms(e.p99).padStart(7)}` +
        (notOk ? `  not ok: ${notOk}` : ''),
    );
  }
  const cpu = Object.entries(step.cpu)
    .map(([name, share]) => `${name} ${pct(share, 0)}`)
    .join(', ');
  lines.push(`  CPU (share of one core; machine = all cores): ${cpu}`);
  lines.push(
    `  journeys ${step.measurement.totals.journeys}, admitted ${step.measurement.totals.admitted}, ` +
      `holds ${step.measurement.totals.holds}, orders ${step.measurement.totals.sales} ` +
      `(${step.measurement.totals.seatsSold} seats), peak in flight ${step.measurement.peakInFlight}` +
      (step.measurement.unfinished ? `, unfinished ${step.measurement.unfinished}` : ''),
  );
  if (step.violations?.length) lines.push(`  reconciliation: ${step.violations.join('; ')}`);
  return lines.join('\n');
}
