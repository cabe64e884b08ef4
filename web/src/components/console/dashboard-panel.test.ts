import { describe, expect, it } from 'vitest';
import { chartSpecs } from './dashboard-panel';
import { dashboardSeries } from './dashboard-series';

describe('chartSpecs', () => {
  const series = dashboardSeries([
    { at: 0, originP95Ms: 80, originErrorRate: 0, queueLength: 10 },
    { at: 3000, originP95Ms: 120, originErrorRate: 0.02, queueLength: 8 },
  ]);

  it('lists every dashboard chart once, in order, with the latest reading', () => {
    const charts = chartSpecs(series, undefined, undefined, true);
    expect(charts.map((c) => c.title)).toEqual([
      'In queue',
      'Admitted per minute',
      'Active buyers',
      'Holds per minute',
      'Sales per minute',
      'Sold vs capacity',
      'Origin p95 latency',
      'Origin error rate',
      'Edge cache hit ratio',
    ]);
    const byTitle = new Map(charts.map((c) => [c.title, c]));
    expect(byTitle.get('In queue')?.current).toBe('8');
    expect(byTitle.get('Origin p95 latency')?.current).toBe('120 ms');
    expect(byTitle.get('Origin error rate')?.current).toBe('2%');
    expect(byTitle.get('Origin error rate')?.fixedMax).toBe(1);
  });

  it('says why the edge chart is empty where there are no local edge stats', () => {
    const charts = chartSpecs(series, undefined, undefined, false);
    expect(charts.at(-1)?.note).toContain('no local edge stats');
  });
});
