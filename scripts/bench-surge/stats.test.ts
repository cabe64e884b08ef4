import { describe, expect, it } from 'vitest';
import { StepRecorder, summarize } from './stats';

describe('surge step statistics', () => {
  it('computes nearest-rank percentiles and the average', () => {
    const latencies = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarize(latencies)).toEqual({
      count: 100,
      avg: 50.5,
      p50: 50,
      p95: 95,
      p99: 99,
      max: 100,
    });
    expect(summarize([]).count).toBe(0);
  });

  it('keeps expected refusals apart from errors, per endpoint and overall', () => {
    const rec = new StepRecorder(0);
    rec.request('hold', 10, 'ok', 201, 100);
    rec.request('hold', 30, 'rejected', '409 seat_taken', 200);
    rec.request('state', 2, 'error', 'timeout', 1_500);
    const m = rec.measure(2, 1);
    expect(m.endpoints.hold).toMatchObject({ count: 2, rejected: 1, errors: 0, avg: 20 });
    expect(m.endpoints.hold?.statuses).toEqual({ '409 seat_taken': 1 });
    expect(m.overall).toMatchObject({ count: 3, rejected: 1, errors: 2 });
    expect(m.overall.statuses).toEqual({ '409 seat_taken': 1, timeout: 1, unfinished: 1 });
  });

  it('counts admissions, holds and sales per second of the step', () => {
    const rec = new StepRecorder(1_000);
    rec.count('admitted', 1_200);
    rec.count('holds', 2_500);
    rec.count('sales', 3_100, 3);
    rec.count('journeys', 3_200);
    const m = rec.measure(3, 0);
    expect(m.timeline.map((p) => [p.second, p.admitted, p.holds, p.sales, p.seatsSold])).toEqual([
      [0, 1, 0, 0, 0],
      [1, 0, 1, 0, 0],
      [2, 0, 0, 1, 3],
    ]);
    expect(m.totals).toEqual({ admitted: 1, holds: 1, sales: 1, seatsSold: 3, journeys: 1 });
  });
});
