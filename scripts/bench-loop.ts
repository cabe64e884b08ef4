/** What one benchmark phase measured: calls that succeeded or not, wall time, latency per call. */
export interface BenchRun {
  ok: number;
  failed: number;
  /** Wall time of the phase. */
  seconds: number;
  /** Latency quantiles per call, in ms. */
  p50: number;
  p99: number;
}

/** One timed call: true counts as ok, false (or a throw) as failed, `'stop'` ends the phase. */
export type BenchOp = () => Promise<boolean | 'stop'>;

/** The value at quantile `q` of sorted numbers (nearest rank; 0 when empty). */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/**
 * The closed loop every benchmark phase runs: `concurrency` loops, each asking `nextCall` for its
 * next call and timing it, until `nextCall` has none left or a call says `'stop'` (a stopping call
 * is not counted).
 */
async function timeCalls(
  concurrency: number,
  nextCall: () => BenchOp | undefined,
): Promise<BenchRun> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let stopped = false;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stopped) {
        const call = nextCall();
        if (!call) break;
        const t = performance.now();
        const result = await call().catch(() => false);
        if (result === 'stop') {
          stopped = true;
          break;
        }
        if (result) ok++;
        else failed++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    ok,
    failed,
    seconds: (performance.now() - start) / 1000,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}

/**
 * Runs `op` from `concurrency` loops for `seconds` (a time box), or until a call says `'stop'`.
 * @example const run = await runFor(16, 3, async () => (await fetch(url)).ok);
 */
export function runFor(concurrency: number, seconds: number, op: BenchOp): Promise<BenchRun> {
  const end = performance.now() + seconds * 1000;
  return timeCalls(concurrency, () => (performance.now() < end ? op : undefined));
}

/**
 * Runs `op` once per item from `concurrency` loops (a fixed amount of work, not a time box).
 * @example const run = await runEach(holds, 32, (hold) => checkout(hold));
 */
export function runEach<T>(
  items: readonly T[],
  concurrency: number,
  op: (item: T) => Promise<boolean>,
): Promise<BenchRun> {
  let next = 0;
  return timeCalls(concurrency, () => {
    if (next >= items.length) return undefined;
    const item = items[next++] as T;
    return () => op(item);
  });
}
