import { describe, expect, it } from 'vitest';
import { quantile, runEach, runFor } from './bench-loop';

describe('bench loop', () => {
  it('runs the op once per item, counting refusals and throws as failed', async () => {
    const seen: number[] = [];
    const run = await runEach([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      seen.push(n);
      if (n === 7) throw new Error('boom');
      return n % 2 === 0;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect({ ok: run.ok, failed: run.failed }).toEqual({ ok: 3, failed: 4 });
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    await runEach(
      Array.from({ length: 20 }, (_, i) => i),
      4,
      async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 0));
        inFlight--;
        return true;
      },
    );
    expect(most).toBe(4);
  });

  it("ends a timed phase early when a call says 'stop', without counting that call", async () => {
    let left = 5;
    const run = await runFor(2, 60, async () => (left-- > 0 ? true : 'stop'));
    expect(run.failed).toBe(0);
    expect(run.ok).toBeGreaterThanOrEqual(5);
    expect(run.ok).toBeLessThanOrEqual(6);
  });

  it('reads quantiles by nearest rank, 0 when nothing was measured', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(sorted, 0.5)).toBe(51);
    expect(quantile(sorted, 0.99)).toBe(100);
    expect(quantile([], 0.5)).toBe(0);
  });
});
