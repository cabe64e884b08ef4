import { describe, expect, it } from 'vitest';
import type { Dashboard, DashboardMinute } from '../../api/types';
import {
  dashboardSeries,
  latest,
  originHealth,
  perMinute,
  trim,
  windowHitRatio,
} from './dashboard-series';
import { sampleOf } from './use-dashboard';

const minute = (
  at: string,
  requests: number,
  p95Ms: number,
  errorRate: number,
): DashboardMinute => ({
  at,
  holdsCreated: 0,
  ordersConfirmed: 0,
  ordersFailed: 0,
  seatsSold: 0,
  requests,
  p95Ms,
  errorRate,
});

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

describe('origin latency and errors from the dashboard endpoint', () => {
  it('reads the newest of the last two minutes that served buying requests', () => {
    const minutes = [
      minute('2030-01-01T10:00:00Z', 90, 400, 0.5),
      minute('2030-01-01T10:01:00Z', 40, 85, 0.05),
      minute('2030-01-01T10:02:00Z', 0, 0, 0),
    ];
    expect(originHealth(minutes)).toEqual({ originP95Ms: 85, originErrorRate: 0.05 });
    expect(
      originHealth([...minutes.slice(0, 2), minute('2030-01-01T10:02:00Z', 3, 120, 0)]),
    ).toEqual({ originP95Ms: 120, originErrorRate: 0 });
  });

  it('leaves them unknown, not 0 ms, when the origin served no buying requests lately', () => {
    const idle = [minute('a', 50, 300, 0.1), minute('b', 0, 0, 0), minute('c', 0, 0, 0)];
    expect(originHealth(idle)).toEqual({ originP95Ms: undefined, originErrorRate: undefined });
    expect(originHealth(undefined)).toEqual({ originP95Ms: undefined, originErrorRate: undefined });
  });

  it('puts them in each sample so the origin charts fill in', () => {
    const dashboard = (p95Ms: number, errorRate: number): Dashboard => ({
      eventId: 'gig',
      asOf: '2030-01-01T10:02:30Z',
      minutes: [minute('2030-01-01T10:02:00Z', 10, p95Ms, errorRate)],
      current: {
        capacity: 100,
        available: 80,
        held: 5,
        sold: 15,
        holds: 7,
        orders: 3,
        revenueCents: 0,
      },
    });
    const first = sampleOf(0, dashboard(60, 0), undefined, undefined);
    expect(first).toMatchObject({ originP95Ms: 60, originErrorRate: 0, sold: 15, capacity: 100 });
    const series = dashboardSeries([
      first,
      sampleOf(3000, dashboard(95, 0.25), undefined, undefined),
    ]);
    expect(series.originP95Ms).toEqual([60, 95]);
    expect(series.originErrorRate).toEqual([0, 0.25]);
    expect(sampleOf(6000, undefined, undefined, undefined).originP95Ms).toBeUndefined();
  });
});
