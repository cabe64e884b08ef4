import { describe, expect, it } from 'vitest';
import { renderChart } from './chart';
import type { GeneratorResult } from './generator';
import { formatStepDetail, formatTable, rates, type StepReport } from './report';

function measurement(avg: number, p99: number): GeneratorResult {
  const summary = {
    count: 1000,
    avg,
    p50: avg,
    p95: p99,
    p99,
    max: p99,
    rejected: 5,
    errors: 1,
    statuses: { '502': 1 },
  };
  return {
    seconds: 10,
    overall: summary,
    endpoints: { hold: summary },
    timeline: [
      { second: 0, requests: 1000, errors: 1, admitted: 40, holds: 20, sales: 10, seatsSold: 25 },
    ],
    totals: { admitted: 40, holds: 20, sales: 10, seatsSold: 25, journeys: 40 },
    unfinished: 0,
    generatorCpuMs: 1_000,
    generatorCoreShare: 0.1,
    peakInFlight: 12,
  };
}

function step(mode: 'edge' | 'baseline', users: number, avg: number, p99: number): StepReport {
  const m = measurement(avg, p99);
  return {
    mode,
    users,
    eventId: `surge-${mode}-${users}`,
    startedAtSecond: users / 10,
    measurement: m,
    ...rates(m),
    cacheHitRatio: mode === 'edge' ? 0.9 : null,
    queueLength: mode === 'edge' ? { max: 120, end: 3 } : null,
    cpu: { generator: 0.1, machine: 0.5 },
    doubleBookings: mode === 'edge' ? 0 : 7,
    unrefunded: 0,
  };
}

const steps = [
  step('edge', 100, 4, 20),
  step('baseline', 100, 40, 900),
  step('edge', 1000, 8, 60),
  step('baseline', 1000, 3_500, 9_000),
];

describe('surge report', () => {
  it('derives req/s, error rate, holds/s and sales/s from the step window', () => {
    expect(rates(measurement(1, 2))).toEqual({
      reqPerSecond: 100,
      errorRate: 0.001,
      holdsPerSecond: 2,
      salesPerSecond: 1,
    });
  });

  it('prints one Table III row per step and mode, with cache, queue, double-bookings and refunds', () => {
    const lines = formatTable(steps).split('\n');
    expect(lines[0]).toMatch(
      /mode\s+users\s+avg\s+p50\s+p95\s+p99\s+req\/s\s+err%\s+holds\/s\s+sales\/s\s+cache hit\s+queue max\s+double-booked\s+unrefunded\s+gen CPU/,
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(
      /^edge\s+100\s+4\.0\s+4\.0\s+20\.0\s+20\.0\s+100\s+0\.10%\s+2\.0\s+1\.0\s+90\.0%\s+120\s+0\s+0\s+10%$/,
    );
    expect(lines[4]).toMatch(/^baseline\s+1000\s+3\.50s.*–\s+–\s+7\s+0\s+10%$/);
  });

  it('shows "?" for a step the reconciliation scan has not reached', () => {
    const unscanned = {
      ...(steps[0] as StepReport),
      doubleBookings: undefined,
      unrefunded: undefined,
    };
    expect(formatTable([unscanned]).split('\n')[1]).toMatch(/\?\s+\?\s+10%$/);
  });

  it('details each endpoint with its not-ok answers', () => {
    expect(formatStepDetail(steps[0] as StepReport)).toMatch(/hold\s+n=\s+1000 .*not ok: 502×1/);
  });

  it('draws both modes in both panels of the SVG chart', () => {
    const svg = renderChart(steps, 'test run', { workers: 3 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<path /g)?.length).toBe(8);
    expect(svg).toContain('stroke="#d62728"');
    expect(svg).toContain('Admitted buyers and seats sold over time');
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('edge + waiting room (3 workers)');
  });
});

describe('surge chart without results', () => {
  it('still renders (a run stopped before its first step)', () => {
    expect(renderChart([], 'empty', { workers: 1 })).not.toContain('NaN');
  });
});
