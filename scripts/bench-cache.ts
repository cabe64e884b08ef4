/**
 * Cache benchmark (`npm run bench:cache -- [--seconds 8] [--pollers 10000] [--concurrency 64]`):
 * the whole stack from scripts/stack.ts (edge, waiting room, origin, embedded DynamoDB) in this
 * process, and the load in a child process so client and edge do not share an event loop.
 *
 * 1. Cached hits: `--concurrency` keep-alive connections GET `/api/catalog/events` (warmed) as
 *    fast as they can → hits/s and latency percentiles.
 * 2. Pollers: `--pollers` simulated buyers, each polling `/wr/demo-arena/state` every second and
 *    the event page `/api/catalog/events/demo-arena` every 5 s (own `fg_ticket` cookie each),
 *    open-loop at that rate → requests/s served by the edge vs requests/s that reached the
 *    origin, per behaviour, from the edge's own counters (`GET /_edge/stats`).
 */

import { fork } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { LoadJob, LoadResult } from './bench-cache-load';
import { quantile } from './bench-loop';

await main();

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      seconds: { type: 'string', default: '8' },
      pollers: { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: '64' },
    },
  });
  const seconds = Number(values.seconds);
  const pollers = Number(values.pollers);
  const concurrency = Number(values.concurrency);
  const { startStack } = await import('./stack');
  const stack = await startStack({ port: 0, inMemory: true, quiet: true });
  try {
    const warm = await fetch(`${stack.url}/api/catalog/events`);
    if (warm.status !== 200)
      throw new Error(`catalog answered ${warm.status}: ${await warm.text()}`);
    await fetch(`${stack.url}/api/catalog/events`);
    const load1 = os.loadavg()[0]?.toFixed(1);
    console.log(
      `Floodgate cache benchmark: local edge ${stack.url}, Node ${process.version}, ` +
        `${os.availableParallelism()} CPUs, load average ${load1} at start (numbers scale with free CPU)`,
    );

    const hits = await runChild({ kind: 'hits', url: stack.url, seconds, concurrency, pollers });
    console.log(
      `\n1. Cached hits: GET /api/catalog/events, ${concurrency} keep-alive connections, ${hits.seconds.toFixed(1)} s`,
    );
    console.log(
      `   ${rate(hits.ok, hits.seconds)} hits/s   ${latencyLine(hits.latencies)}   ` +
        `X-Cache Hit ${percent(hits.hits, hits.ok)}, failed ${hits.failed}`,
    );

    const before = await edgeStats(stack.url);
    const load = await runChild({
      kind: 'pollers',
      url: stack.url,
      seconds,
      concurrency: 256,
      pollers,
    });
    const after = await edgeStats(stack.url);
    const offered = pollers * (1 + 1 / 5);
    console.log(
      `\n2. ${pollers} pollers: state every 1 s + event page every 5 s ` +
        `(offered ${offered.toFixed(0)} req/s), ${load.seconds.toFixed(1)} s, 256 connections`,
    );
    console.log(
      `   edge served ${rate(load.ok, load.seconds)} req/s   ${latencyLine(load.latencies)}   ` +
        `failed ${load.failed}, not sent (client saturated) ${load.skipped}`,
    );
    for (const pattern of ['/wr/*', '/api/catalog/*']) {
      const b = diff(before, after, pattern);
      const absorbed = (b.requests - b.originRequests) / load.seconds;
      console.log(
        `   ${pattern.padEnd(15)} viewers ${rate(b.requests, load.seconds).padStart(6)} req/s → origin ` +
          `${rate(b.originRequests, load.seconds).padStart(5)} req/s   absorbed ${absorbed.toFixed(0)} req/s ` +
          `(${percent(b.requests - b.originRequests, b.requests, 2)})   hit ratio ${percent(b.served, b.served + b.misses, 2)}`,
      );
    }
  } finally {
    await stack.close();
  }
}

function runChild(job: LoadJob): Promise<LoadResult> {
  const child = fork(new URL('./bench-cache-load.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load process exited with ${code}`));
    });
    child.send(job);
  });
}

type Counters = Record<
  string,
  { requests: number; hits: number; refreshHits: number; misses: number; originRequests: number }
>;

async function edgeStats(url: string): Promise<Counters> {
  const res = await fetch(`${url}/_edge/stats`);
  return ((await res.json()) as { behaviours: Counters }).behaviours;
}

function diff(before: Counters, after: Counters, pattern: string) {
  const a = after[pattern];
  const b = before[pattern];
  const d = (k: 'requests' | 'hits' | 'refreshHits' | 'misses' | 'originRequests') =>
    (a?.[k] ?? 0) - (b?.[k] ?? 0);
  return {
    requests: d('requests'),
    served: d('hits') + d('refreshHits'),
    misses: d('misses'),
    originRequests: d('originRequests'),
  };
}

function latencyLine(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => quantile(sorted, q).toFixed(2);
  return `p50 ${at(0.5)} ms  p90 ${at(0.9)} ms  p99 ${at(0.99)} ms`;
}

function rate(count: number, seconds: number): string {
  return (count / seconds).toFixed(count / seconds < 10 ? 2 : 0);
}

function percent(part: number, whole: number, digits = 1): string {
  return whole === 0 ? '—' : `${((part / whole) * 100).toFixed(digits)}%`;
}
