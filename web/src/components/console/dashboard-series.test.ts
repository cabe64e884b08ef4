import { describe, expect, it } from 'vitest';
import { dashboardSeries, latest, perMinute, trim, windowHitRatio } from './dashboard-series';

describe('perMinute', () => {
  it('turns a running total into a per-minute rate over the trailing window', () => {
    const samples = [
      { at: 0, sold: 0 },
      { at: 30_000, sold: 5 },
      { at: 60_000, sold: 20 },
      { at: 90_000, sold: 20 },
    ];
    expect(perMinute(samples, (s) => s.sold)).toEqual([undefined, 10, 20, 15]);
  });

  it('never reports a negative rate when a counter restarts, and skips missing readings', () => {
    const samples = [{ at: 0, holds: 9 }, { at: 10_000 }, { at: 20_000, holds: 3 }];
    expect(perMinute(samples, (s) => s.holds)).toEqual([undefined, undefined, 0]);
  });
});

describe('windowHitRatio', () => {
  it('measures the hit ratio of recent requests, not since the edge started', () => {
    const samples = [
      { at: 0, edgeHits: 0, edgeMisses: 100 },
      { at: 3000, edgeHits: 90, edgeMisses: 110 },
      { at: 6000, edgeHits: 90, edgeMisses: 110 },
    ];
    expect(windowHitRatio(samples)).toEqual([undefined, 0.9, 0.9]);
    expect(windowHitRatio(samples, 2000)).toEqual([undefined, undefined, undefined]);
  });
});

describe('dashboardSeries', () => {
  it('derives admissions per minute from the serving number and sold share from capacity', () => {
    const series = dashboardSeries([
      { at: 0, servingNumber: 10, sold: 0, capacity: 200, queueLength: 50 },
      { at: 6000, servingNumber: 12, sold: 50, capacity: 200, queueLength: 40 },
    ]);
    expect(series.admittedPerMinute).toEqual([undefined, 20]);
    expect(series.soldShare).toEqual([0, 0.25]);
    expect(latest(series.queueLength)).toBe(40);
    expect(latest(series.originP95Ms)).toBeUndefined();
  });

  it("prefers the edge's own admissions-per-minute reading when it reports one", () => {
    const series = dashboardSeries([
      { at: 0, servingNumber: 10 },
      { at: 6000, servingNumber: 12, admittedPerMinute: 15 },
    ]);
    expect(series.admittedPerMinute).toEqual([undefined, 15]);
  });

  it('keeps only the recent history', () => {
    const samples = [{ at: 0 }, { at: 5000 }, { at: 10_000 }];
    expect(trim(samples, 5000).map((s) => s.at)).toEqual([5000, 10_000]);
  });
});
